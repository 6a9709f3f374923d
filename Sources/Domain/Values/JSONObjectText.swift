// Compact JSON text with sorted keys, for `jsonb` columns and the dashboard's messages.

import Foundation

extension JSONValue {
    /// This value as compact JSON with sorted keys (`null` if it cannot be encoded).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "null"
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// This object as compact JSON with sorted keys (`{}` if it cannot be encoded).
    public var jsonText: String {
        let text = JSONValue.object(self).jsonText
        return text == "null" ? "{}" : text
    }
}
