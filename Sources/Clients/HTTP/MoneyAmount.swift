// Prices arrive as decimal strings ("5.93"); they are parsed exactly into integer minor units,
// never through a binary floating-point value.

/// An exact amount of money in minor units (cents for USD).
public struct MoneyAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses `"12"`, `"5.9"`, `"5.93"` or `"5.930"` exactly with two minor digits; rejects
    /// anything with a non-zero third decimal, signs other than a leading `-`, or other text.
    public init?(decimal text: String, currency: String, minorDigits: Int = 2) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        while fraction.count > minorDigits, fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= minorDigits else { return nil }
        fraction += String(repeating: "0", count: minorDigits - fraction.count)
        guard let value = Int64(String(parts[0]) + fraction) else { return nil }
        self.init(minorUnits: negative ? -value : value, currency: currency)
    }

    public static func < (lhs: MoneyAmount, rhs: MoneyAmount) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// `5.93 USD`.
    public var description: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
