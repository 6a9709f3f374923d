// An amount of money in integer minor units (cents), and the exact parser for carrier price strings.

/// An exact amount: `minorUnits` of `currency` (ISO 4217 code). Never a floating-point value.
public struct Money: Sendable, Equatable, Hashable, Codable {
    /// The amount in the currency's minor unit (cents for USD).
    public var minorUnits: Int
    /// ISO 4217 code, upper case (`USD`).
    public var currency: String

    public init(minorUnits: Int, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Currencies with no minor unit (ISO 4217 exponent 0).
    public static let zeroDecimalCurrencies: Set<String> = ["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"]
    /// Currencies with three decimals (ISO 4217 exponent 3).
    public static let threeDecimalCurrencies: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    /// Decimal places of `currency`'s minor unit: 0, 3, or 2 for every other code.
    public static func minorUnitDigits(for currency: String) -> Int {
        if zeroDecimalCurrencies.contains(currency) { return 0 }
        if threeDecimalCurrencies.contains(currency) { return 3 }
        return 2
    }

    /// Parses a non-negative decimal price such as EasyPost's `"7.58"` exactly into minor units.
    ///
    /// Accepted: ASCII `digits` optionally followed by `.` and one or more digits. Leading zeros are
    /// fine (`"07.58"` → 758), fewer decimals than the currency are padded (`"7.5"` → 750), and extra
    /// decimals are accepted only when they are zeros (`"7.580"` → 758), because the value is still
    /// exact. Rejected: `"7.585"` (``MoneyError/tooPrecise(_:)``: money is never rounded silently),
    /// any sign (`"-1.00"` is ``MoneyError/negative(_:)``), spaces, commas, exponents, `"7."`,
    /// `".58"`, non-ASCII digits, and amounts that overflow `Int`.
    public static func parse(_ text: String, currency: String) throws(MoneyError) -> Money {
        let zero = UInt8(ascii: "0")
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { throw .invalidCurrency(currency) }
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { throw .empty }
        if first == UInt8(ascii: "-") { throw .negative(text) }

        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : []
        guard !whole.isEmpty, whole.allSatisfy(isDigit),
            parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(isDigit))
        else { throw .malformed(text) }

        let digits = minorUnitDigits(for: currency)
        guard fraction.dropFirst(digits).allSatisfy({ $0 == zero }) else { throw .tooPrecise(text) }
        let padding = Array(repeating: zero, count: max(digits - fraction.count, 0))
        var value = 0
        for byte in Array(whole) + Array(fraction.prefix(digits)) + padding {
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, carried) = shifted.addingReportingOverflow(Int(byte - zero))
            if overflowed || carried { throw .overflow(text) }
            value = next
        }
        return Money(minorUnits: value, currency: currency)
    }

    /// The amount as a plain decimal string in major units (`758` USD → `"7.58"`).
    public var decimalString: String {
        let digits = Self.minorUnitDigits(for: currency)
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        var divisor: UInt = 1
        for _ in 0..<digits { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        return sign + String(magnitude / divisor) + "." + String(repeating: "0", count: digits - fraction.count)
            + fraction
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
