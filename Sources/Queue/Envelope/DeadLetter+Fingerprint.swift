// A dead letter's error with its variable parts masked, so `creatorflow dead group` can group one
// bug's many dead jobs.

import Foundation

extension DeadLetter {
    /// The error with its variable parts (numbers, ids, quoted values) masked, so one bug's
    /// many dead jobs group together.
    public var errorFingerprint: String { DeadLetter.fingerprint(error) }

    /// Masks variable parts of an error message.
    public static func fingerprint(_ message: String) -> String {
        var text = message
        let rules: [(String, String)] = [
            ("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>"),
            ("\"[^\"]*\"", "\"…\""), ("'[^']*'", "'…'"), ("[0-9]+(\\.[0-9]+)?", "N"),
        ]
        for (pattern, replacement) in rules {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return String(text.prefix(160))
    }
}
