// The reference's signing vectors, checked separately against the client's signer and the
// sandbox's own verifier so one shared mistake cannot hide.

import Clients
import Foundation
import Sandbox
import Testing

@Suite struct SigningVectorTests {
    /// external-apis.md §1: secret `app_secret`, `GET /test-api`, query `foo=bar`.
    static let expected = "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f"

    @Test func clientSignerMatchesTheReferenceVector() {
        let signer = TikTokSigner(appSecret: "app_secret")
        #expect(signer.sign(method: .get, path: "/test-api", query: [("foo", "bar")], body: nil) == Self.expected)
    }

    @Test func clientSignerDropsSignTokenAndEmptyValuesAndIgnoresGetBodies() {
        let signer = TikTokSigner(appSecret: "app_secret")
        let query = [("foo", "bar"), ("sign", "x"), ("access_token", "t"), ("empty", "")]
        #expect(signer.sign(method: .get, path: "/test-api", query: query, body: Data("{}".utf8)) == Self.expected)
    }

    @Test func clientSignerCoversThePostBody() {
        let signer = TikTokSigner(appSecret: "app_secret")
        let a = signer.sign(method: .post, path: "/p", query: [], body: Data(#"{"a":1}"#.utf8))
        let b = signer.sign(method: .post, path: "/p", query: [], body: Data(#"{"a": 1}"#.utf8))
        #expect(a != b)
    }

    @Test func sandboxVerifierMatchesTheReferenceVector() {
        let verifier = TikTokSignatureVerifier(appSecret: "app_secret")
        let sign = verifier.expectedSignature(method: "GET", path: "/test-api", rawQuery: "foo=bar", body: [], contentType: nil)
        #expect(sign == Self.expected)
        #expect(
            verifier.isValid(
                sign: Self.expected, method: "GET", path: "/test-api", rawQuery: "foo=bar&sign=\(Self.expected)", body: [],
                contentType: nil))
        #expect(
            !verifier.isValid(
                sign: Self.expected, method: "GET", path: "/test-api", rawQuery: "foo=baz", body: [], contentType: nil))
    }

    @Test func sandboxVerifierDecodesTheQueryAndSortsKeysBytewise() {
        let verifier = TikTokSignatureVerifier(appSecret: "app_secret")
        let signer = TikTokSigner(appSecret: "app_secret")
        let raw = "b=1&B=2&a=x%2Cy&sign=zz"
        let client = signer.sign(method: .get, path: "/p", query: [("b", "1"), ("B", "2"), ("a", "x,y")], body: nil)
        #expect(verifier.expectedSignature(method: "GET", path: "/p", rawQuery: raw, body: [], contentType: nil) == client)
    }
}
