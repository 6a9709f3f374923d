// Pure pieces: Retry-After parsing, error classification, exact money, token encryption, retry policy.

import Clients
import Foundation
import Testing

@Suite struct ValueTests {
    @Test func retryAfterReadsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }

    @Test func statusesAreClassified() {
        func classify(_ status: Int, _ headers: [(name: String, value: String)] = []) -> HTTPClientError? {
            HTTPClientError.classify(HTTPResponse(status: status, headers: headers, body: Data()))
        }
        #expect(classify(200) == nil)
        #expect(classify(408)?.isRetryable == true)
        #expect(classify(429, [(name: "retry-after", value: "7")])?.retryAfter == .seconds(7))
        #expect(classify(503)?.isRetryable == true)
        #expect(classify(404)?.isRetryable == false)
        #expect(classify(422)?.isRetryable == false)
    }

    @Test func moneyParsesDecimalStringsExactly() {
        #expect(MoneyAmount(decimal: "5.93", currency: "USD")?.minorUnits == 593)
        #expect(MoneyAmount(decimal: "0.1", currency: "USD")?.minorUnits == 10)
        #expect(MoneyAmount(decimal: "12", currency: "USD")?.minorUnits == 1200)
        #expect(MoneyAmount(decimal: "6.400", currency: "USD")?.minorUnits == 640)
        #expect(MoneyAmount(decimal: "6.405", currency: "USD") == nil)
        #expect(MoneyAmount(decimal: "1e3", currency: "USD") == nil)
        #expect(MoneyAmount(decimal: "5.93", currency: "USD")?.description == "5.93 USD")
    }

    @Test func tokensSealAndOpenOnlyInTheirContext() throws {
        let cipher = try TokenCipher(base64Key: TokenCipher.generateKey())
        let sealed = try cipher.seal("secret-token", context: "shops:1:access")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("secret-token"))
        #expect(try cipher.open(sealed, context: "shops:1:access") == "secret-token")
        #expect(throws: TokenCipherError.cannotOpen) { try cipher.open(sealed, context: "shops:2:access") }
        let other = try TokenCipher(base64Key: TokenCipher.generateKey())
        #expect(throws: TokenCipherError.cannotOpen) { try other.open(sealed, context: "shops:1:access") }
        #expect(throws: TokenCipherError.badKey) { try TokenCipher(base64Key: "c2hvcnQ=") }
        #expect(throws: TokenCipherError.missingKey) { try TokenCipher.fromEnvironment([:]) }
        #expect(!"\(cipher)".contains(TokenCipher.generateKey()))
    }

    @Test func retryPolicyHonoursRetryAfterUpToItsCap() {
        let policy = CallRetryPolicy.exponentialJitter(maxAttempts: 3, maxRetryAfter: .seconds(10))
        let throttled = HTTPClientError(kind: .status(429), isRetryable: true, retryAfter: .seconds(2), message: "")
        let long = HTTPClientError(kind: .status(429), isRetryable: true, retryAfter: .seconds(60), message: "")
        let permanent = HTTPClientError(kind: .status(400), isRetryable: false, message: "")
        #expect(policy.delay(after: 1, error: throttled, unit: 0.5) == .seconds(2))
        #expect(policy.delay(after: 1, error: long, unit: 0.5) == nil)
        #expect(policy.delay(after: 3, error: throttled, unit: 0.5) == nil)
        #expect(policy.delay(after: 1, error: permanent, unit: 0.5) == nil)
    }

    @Test func tokenDescriptionsNeverShowTokens() {
        let token = TikTokToken(
            accessToken: "AT-SECRET", accessTokenExpiresAt: Date(), refreshToken: "RT-SECRET", refreshTokenExpiresAt: Date())
        #expect(!"\(token)".contains("SECRET"))
        #expect(!"\(ShopAccess(shopId: "1", cipher: "c", accessToken: "AT-SECRET"))".contains("SECRET"))
    }
}
