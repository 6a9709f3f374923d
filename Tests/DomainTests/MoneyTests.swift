import Domain
import Testing

@Suite struct MoneyTests {
    func usd(_ text: String) throws(MoneyError) -> Int { try Money.parse(text, currency: "USD").minorUnits }

    @Test func parsesEasyPostPricesExactly() throws {
        #expect(try usd("7.58") == 758)
        #expect(try usd("5.93") == 593)
        #expect(try usd("0.29") == 29)  // 0.29 is not exact in binary floating point
        #expect(try usd("1234567.89") == 123_456_789)
        #expect(try Money.parse("7.58", currency: "USD") == Money(minorUnits: 758, currency: "USD"))
    }

    @Test func acceptsShortFractionsLeadingZerosAndTrailingZeros() throws {
        #expect(try usd("7.5") == 750)
        #expect(try usd("7") == 700)
        #expect(try usd("07.58") == 758)
        #expect(try usd("0.00") == 0)
        #expect(try usd("000") == 0)
        #expect(try usd("7.580") == 758)
        #expect(try usd("7.50000") == 750)
    }

    @Test func rejectsMorePrecisionThanTheCurrencyRatherThanRounding() {
        #expect(throws: MoneyError.tooPrecise("7.585")) { try usd("7.585") }
        #expect(throws: MoneyError.tooPrecise("7.001")) { try usd("7.001") }
    }

    @Test func rejectsNegativeAmounts() {
        #expect(throws: MoneyError.negative("-1.00")) { try usd("-1.00") }
        #expect(throws: MoneyError.negative("-0")) { try usd("-0") }
    }

    @Test func rejectsMalformedText() {
        for text in [
            "abc", "7.", ".58", " 7.58", "7.58 ", "+7.58", "1,000.00", "1e3", "7.5.8", "7..5", "٧.٥٨", "0x10", "7,58",
            "NaN",
        ] {
            #expect(throws: MoneyError.malformed(text), "\(text)") { try usd(text) }
        }
        #expect(throws: MoneyError.empty) { try usd("") }
    }

    @Test func rejectsOverflow() throws {
        #expect(throws: MoneyError.overflow("92233720368547758.08")) { try usd("92233720368547758.08") }
        #expect(try usd("92233720368547758.07") == Int.max)
    }

    @Test func rejectsInvalidCurrencyCodes() {
        for code in ["usd", "US", "USDX", "", "U$D"] {
            #expect(throws: MoneyError.invalidCurrency(code), "\(code)") { try Money.parse("1.00", currency: code) }
        }
    }

    @Test func followsTheCurrencyExponent() throws {
        #expect(Money.minorUnitDigits(for: "USD") == 2)
        #expect(Money.minorUnitDigits(for: "JPY") == 0)
        #expect(Money.minorUnitDigits(for: "KWD") == 3)
        #expect(try Money.parse("1200", currency: "JPY").minorUnits == 1_200)
        #expect(try Money.parse("1200.0", currency: "JPY").minorUnits == 1_200)
        #expect(throws: MoneyError.tooPrecise("1200.5")) { try Money.parse("1200.5", currency: "JPY") }
        #expect(try Money.parse("1.234", currency: "KWD").minorUnits == 1_234)
        #expect(try Money.parse("1.2", currency: "KWD").minorUnits == 1_200)
    }

    @Test func formatsAsADecimalString() {
        #expect(Money(minorUnits: 758, currency: "USD").decimalString == "7.58")
        #expect(Money(minorUnits: 5, currency: "USD").decimalString == "0.05")
        #expect(Money(minorUnits: 0, currency: "USD").decimalString == "0.00")
        #expect(Money(minorUnits: -5, currency: "USD").decimalString == "-0.05")
        #expect(Money(minorUnits: 1_200, currency: "JPY").decimalString == "1200")
        #expect(Money(minorUnits: 1_234, currency: "KWD").decimalString == "1.234")
        #expect(Money(minorUnits: Int.min, currency: "USD").decimalString == "-92233720368547758.08")
    }

    @Test func parseAndFormatRoundTrip() throws {
        for minor in [0, 1, 9, 10, 99, 100, 758, 123_456_789] {
            let money = Money(minorUnits: minor, currency: "USD")
            #expect(try Money.parse(money.decimalString, currency: "USD") == money)
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(MoneyError.empty.description == "empty price")
        #expect(MoneyError.tooPrecise("7.585").description == "price '7.585' has more decimals than its currency")
        #expect(MoneyError.negative("-1.00").description == "negative price '-1.00'")
        #expect(MoneyError.invalidCurrency("usd").description == "invalid currency code 'usd'")
    }
}
