// Collects what libcurl's write and header callbacks hand over during one transfer. Header lines
// restart at every status line, so only the final response's fields survive 1xx answers.

import Foundation

/// The body and header lines of the transfer in progress.
final class ResponseAccumulator {
    var body = Data()
    var headers: [(name: String, value: String)] = []

    func appendHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon])
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.append((name: name, value: value))
    }
}
