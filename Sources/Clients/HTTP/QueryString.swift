// Builds a query string from decoded pairs with RFC 3986 percent-encoding.

import Foundation

/// Percent-encoding for query components.
public enum QueryString {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `k1=v1&k2=v2` with every byte outside the unreserved set percent-encoded.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// One percent-encoded component.
    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
