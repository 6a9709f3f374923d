// The dashboard's Mustache templates and static files, read once from the package's resources.

import Domain
import Foundation
import Mustache

/// The templates and assets the dashboard serves.
struct DashboardTemplates: Sendable {
    let library: MustacheLibrary
    /// `dashboard.js` and `dashboard.css`, by file name.
    let assets: [String: String]

    /// Reads every `.mustache` template and the assets from the bundle's `Assets` folder.
    static func load() throws -> DashboardTemplates {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the dashboard's Assets resource folder is missing"])
        }
        var templates: [String: MustacheTemplate] = [:]
        var assets: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if file.hasSuffix(".mustache") {
                templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } else {
                assets[file] = text
            }
        }
        return DashboardTemplates(library: MustacheLibrary(templates: templates), assets: assets)
    }

    /// Renders template `name` with `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// A JSON value as what Mustache walks: dictionaries, arrays, strings, numbers, booleans
    /// (null becomes absent).
    static func mustacheValue(_ value: JSONValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? Int(number) : number
        case .string(let text): return text
        case .array(let items): return items.compactMap(mustacheValue)
        case .object(let fields): return fields.compactMapValues(mustacheValue)
        }
    }
}
