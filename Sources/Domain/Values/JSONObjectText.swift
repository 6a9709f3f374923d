// JSON text of a measurements object, keys sorted, for `jsonb` columns.

import Foundation

extension Dictionary where Key == String, Value == JSONValue {
    /// This object as compact JSON with sorted keys (`{}` if it cannot be encoded).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
