// Settings for one PostgreSQL connection, and the redaction that keeps the URL's password
// out of every message this module produces.

import Foundation

/// How to reach PostgreSQL and how to prepare each session.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// A `postgres://user:pass@host:port/db?sslmode=...` URL (a libpq key=value string also works).
    public var url: String
    /// The schema every unqualified name resolves to; `nil` keeps the server's default path.
    public var searchPath: String?
    /// Reported in `pg_stat_activity` unless the URL sets `application_name`.
    public var applicationName: String
    /// How long a connect or reconnect may take before it fails; the URL's `connect_timeout` wins.
    public var connectTimeoutSeconds: Int
    /// How long a statement, a lock wait and an idle transaction may last in this session.
    public var timeouts: SessionTimeouts

    public init(
        url: String,
        searchPath: String? = nil,
        applicationName: String = "creatorflow",
        connectTimeoutSeconds: Int = 5,
        timeouts: SessionTimeouts = .standard
    ) {
        self.url = url
        self.searchPath = searchPath
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.timeouts = timeouts
    }

    /// The URL with its password masked, safe for logs.
    public var description: String { redact(url) }

    /// `text` with every form of the URL's password (and any `password=` pair) masked.
    func redact(_ text: String) -> String {
        var result = text
        if let secret = Self.urlPassword(in: url) {
            for form in [String(secret), secret.removingPercentEncoding].compactMap({ $0 }) where !form.isEmpty {
                result = result.replacingOccurrences(of: form, with: "***")
            }
        }
        return result.replacingOccurrences(
            of: #"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)"#,
            with: "password=***",
            options: .regularExpression)
    }

    /// The raw (still percent-encoded) password of a `scheme://user:password@host/...` URL. Parsed
    /// by hand so that even a malformed URL, which URLComponents rejects, gets masked.
    private static func urlPassword(in url: String) -> Substring? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        return userInfo[userInfo.index(after: colon)...]
    }
}
