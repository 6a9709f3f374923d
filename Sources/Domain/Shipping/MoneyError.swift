// Why a decimal price string could not be turned into an exact amount of minor units.

/// A price string that ``Money/parse(_:currency:)`` rejected. Descriptions quote no more than the
/// offending text, which is a price, never a secret.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Empty string.
    case empty
    /// A leading minus sign: prices are never negative.
    case negative(String)
    /// Not `digits[.digits]` in ASCII (signs, spaces, commas, exponents, a bare `.`, `7.` or `.5`).
    case malformed(String)
    /// More fractional digits than the currency has, and they are not all zero (`"7.585"` in USD).
    case tooPrecise(String)
    /// The amount does not fit in `Int` minor units.
    case overflow(String)
    /// The currency is not three upper-case ASCII letters.
    case invalidCurrency(String)

    public var description: String {
        switch self {
        case .empty: return "empty price"
        case .negative(let text): return "negative price '\(text)'"
        case .malformed(let text): return "malformed price '\(text)'"
        case .tooPrecise(let text): return "price '\(text)' has more decimals than its currency"
        case .overflow(let text): return "price '\(text)' is too large"
        case .invalidCurrency(let code): return "invalid currency code '\(code)'"
        }
    }
}

extension MoneyError: DispositionedError {
    public var disposition: ErrorDisposition { .permanent }
}
