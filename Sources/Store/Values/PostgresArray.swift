// Array literals for `= ANY($1::text[])`-style parameters, quoted so any text round-trips.

/// Builds PostgreSQL array literals for one parameter.
public enum PostgresArray {
    /// `{"a","b"}` with quotes and backslashes escaped.
    public static func text(_ values: [String]) -> String {
        let items = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + items.joined(separator: ",") + "}"
    }

    /// `{1,2,3}`.
    public static func int64(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }
}
