// A parsed config file with environment overrides, read by dotted key with typed, validated
// getters. Every error names the key and what is wrong with it.

import Foundation
import Yams

/// Invalid configuration; the process refuses to start with this message.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var key: String
    public var problem: String
    public var description: String { "invalid config: \(key): \(problem)" }
}

/// Config values by dotted path (`worker.concurrency`), with `CF_WORKER_CONCURRENCY`-style
/// environment variables taking precedence over the file.
public struct ConfigTree {
    private var root: [String: Any]
    private let environment: [String: String]

    /// Parses YAML text; `environment` supplies overrides.
    public init(yaml: String, environment: [String: String]) throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: yaml)
        } catch {
            throw ConfigError(key: "<file>", problem: "not valid YAML: \(error)")
        }
        if let loaded, !(loaded is [String: Any]) {
            throw ConfigError(key: "<file>", problem: "the top level must be a mapping")
        }
        self.root = (loaded as? [String: Any]) ?? [:]
        self.environment = environment
    }

    /// The environment variable that overrides `key`.
    public static func environmentName(for key: String) -> String {
        "CF_" + key.uppercased().replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// Every scalar's dotted path in the file (lists are not descended into), sorted.
    public func leafKeys() -> [String] {
        func walk(_ node: Any, _ path: String) -> [String] {
            guard let mapping = node as? [String: Any] else { return node is [Any] ? [] : [path] }
            return mapping.flatMap { walk($0.value, path.isEmpty ? $0.key : "\(path).\($0.key)") }
        }
        return walk(root, "").sorted()
    }

    /// The raw value at `key`, the environment winning over the file.
    public func value(_ key: String) -> Any? {
        if let text = environment[Self.environmentName(for: key)] { return text }
        var node: Any? = root
        for part in key.split(separator: ".") {
            node = (node as? [String: Any])?[String(part)]
        }
        if node is NSNull { return nil }
        return node
    }

    public func int(_ key: String, default fallback: Int, min: Int = .min, max: Int = .max) throws -> Int {
        guard let raw = value(key) else { return fallback }
        guard let number = (raw as? Int) ?? (raw as? String).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw ConfigError(key: key, problem: "expected an integer, got '\(raw)'")
        }
        guard number >= min && number <= max else {
            throw ConfigError(key: key, problem: "must be between \(min) and \(max), got \(number)")
        }
        return number
    }

    public func double(_ key: String, default fallback: Double, min: Double = -.infinity, max: Double = .infinity) throws -> Double {
        guard let raw = value(key) else { return fallback }
        let number = (raw as? Double) ?? (raw as? Int).map(Double.init)
            ?? (raw as? String).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard let number, number.isFinite else { throw ConfigError(key: key, problem: "expected a number, got '\(raw)'") }
        guard number >= min && number <= max else {
            throw ConfigError(key: key, problem: "must be between \(min) and \(max), got \(number)")
        }
        return number
    }

    public func optionalDouble(_ key: String, min: Double = 0) throws -> Double? {
        guard value(key) != nil else { return nil }
        return try double(key, default: 0, min: min)
    }

    public func string(_ key: String, default fallback: String, allowed: [String]? = nil) throws -> String {
        guard let raw = value(key) else { return fallback }
        guard let text = raw as? String, !text.isEmpty else {
            throw ConfigError(key: key, problem: "expected a non-empty string, got '\(raw)'")
        }
        if let allowed, !allowed.contains(text) {
            throw ConfigError(key: key, problem: "must be one of \(allowed.joined(separator: ", ")), got '\(text)'")
        }
        return text
    }

    public func optionalString(_ key: String) throws -> String? {
        guard value(key) != nil else { return nil }
        return try string(key, default: "")
    }

    /// Child keys of a mapping, or [] when absent.
    public func keys(_ key: String) throws -> [String] {
        guard let raw = value(key) else { return [] }
        guard let map = raw as? [String: Any] else { throw ConfigError(key: key, problem: "expected a mapping") }
        return map.keys.sorted()
    }

    /// A list of mappings, e.g. queues.
    public func list(_ key: String) throws -> [[String: Any]] {
        guard let raw = value(key) else { return [] }
        guard let items = raw as? [Any] else { throw ConfigError(key: key, problem: "expected a list") }
        return try items.enumerated().map { index, item in
            guard let map = item as? [String: Any] else {
                throw ConfigError(key: "\(key)[\(index)]", problem: "expected a mapping")
            }
            return map
        }
    }
}
