// The EasyPost `X-Hmac-Signature` check against a vector computed outside Swift (Python's hmac
// and `openssl dgst -hmac` agree on it), including the NFKD normalisation of the secret.

import Foundation
import Receiver
import Testing

@Suite struct EasyPostSignatureTests {
    /// `s\u{e9}cret` (precomposed é); NFKD turns it into `se\u{301}cret` before keying the HMAC.
    static let secret = "s\u{e9}cret"
    static let body =
        #"{"description":"tracker.updated","id":"evt_vector","object":"Event","result":{"carrier":"USPS","object":"Tracker","status":"delivered","tracking_code":"EZ1000000001"}}"#
    static let vector = "hmac-sha256-hex=035db32ccbefc3531b83c7125c3f2dac05d68f178a007c1bc91ff20943cbc053"

    @Test func matchesTheExternallyComputedVector() {
        let signature = EasyPostSignature(secret: Self.secret)
        #expect(signature.signature(for: Data(Self.body.utf8)) == Self.vector)
        #expect(signature.isValid(Self.vector, for: Data(Self.body.utf8)))
    }

    @Test func decomposedAndPrecomposedSecretsAreTheSameKey() {
        #expect(EasyPostSignature(secret: "se\u{301}cret").isValid(Self.vector, for: Data(Self.body.utf8)))
    }

    @Test(arguments: [
        "035db32ccbefc3531b83c7125c3f2dac05d68f178a007c1bc91ff20943cbc053",
        "hmac-sha256-hex=035DB32CCBEFC3531B83C7125C3F2DAC05D68F178A007C1BC91FF20943CBC053",
        "hmac-sha256-hex=07e3e1bec8bdaef04b82e533cc343c3d3eb29a033b0aa6cfbb5e9291fc4155f4",
        "hmac-sha256-hex=035db32ccbefc3531b83c7125c3f2dac05d68f178a007c1bc91ff20943cbc05",
        "",
    ])
    func rejectsAnythingButTheExactHeader(_ candidate: String) {
        #expect(!EasyPostSignature(secret: Self.secret).isValid(candidate, for: Data(Self.body.utf8)))
    }

    @Test func aChangedBodyFails() {
        let altered = Self.body.replacingOccurrences(of: "delivered", with: "in_transit")
        #expect(!EasyPostSignature(secret: Self.secret).isValid(Self.vector, for: Data(altered.utf8)))
    }
}
