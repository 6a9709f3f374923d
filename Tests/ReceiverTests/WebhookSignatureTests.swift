// The webhook signature against the reference test vector (external-apis.md §2), and the near
// misses that must fail: case, prefix, truncation, other keys, re-serialised bodies.

import Foundation
import Receiver
import Testing

@Suite struct WebhookSignatureTests {
    private let body = Data(Webhooks.referenceSample.utf8)

    @Test func referenceVectorMatches() {
        #expect(Webhooks.signature.signature(for: body) == Webhooks.referenceSignature)
        #expect(Webhooks.signature.isValid(Webhooks.referenceSignature, for: body))
    }

    @Test(arguments: [
        "", "wrong signature", Webhooks.referenceSignature.uppercased(), "Bearer " + Webhooks.referenceSignature,
        String(Webhooks.referenceSignature.dropLast()), Webhooks.referenceSignature + "0",
        "31109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27",
    ])
    func nearMissesFail(candidate: String) {
        #expect(!Webhooks.signature.isValid(candidate, for: body))
    }

    @Test func otherKeyOrSecretFails() {
        let otherKey = WebhookSignature(appKey: "other_app_key", appSecret: Webhooks.appSecret)
        let otherSecret = WebhookSignature(appKey: Webhooks.appKey, appSecret: "other_app_secret")
        #expect(!otherKey.isValid(Webhooks.referenceSignature, for: body))
        #expect(!otherSecret.isValid(Webhooks.referenceSignature, for: body))
    }

    @Test func signsTheRawBytesNotTheirMeaning() {
        let reformatted = Data(Webhooks.referenceSample.replacingOccurrences(of: ",", with: ", ").utf8)
        #expect(!Webhooks.signature.isValid(Webhooks.referenceSignature, for: reformatted))
    }

    @Test func descriptionHidesTheSecret() {
        #expect(!"\(Webhooks.signature)".contains(Webhooks.appSecret))
        #expect(!"\(Webhooks.signature)".contains(Webhooks.appKey))
    }
}
