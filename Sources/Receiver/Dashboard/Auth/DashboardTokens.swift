// Mints and verifies dashboard tokens: HS256 JWTs signed with `CF_DASHBOARD_SECRET` (jwt-kit),
// and the CSRF token derived from each.

import Crypto
import Foundation
import Hex
import JWTKit

/// Signs and verifies dashboard tokens with one HS256 secret.
public struct DashboardTokens: Sendable {
    private let keys: JWTKeyCollection
    private let csrfKey: SymmetricKey

    /// The shortest secret accepted: HS256 wants a key as long as its hash.
    public static let minimumSecretBytes = 32

    /// Signs with `secret`; refuses one shorter than ``minimumSecretBytes``.
    public init(secret: String) async throws(DashboardAuthError) {
        guard secret.utf8.count >= Self.minimumSecretBytes else {
            throw .forbidden("CF_DASHBOARD_SECRET must be at least \(Self.minimumSecretBytes) bytes (it is \(secret.utf8.count))")
        }
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        csrfKey = SymmetricKey(data: SHA256.hash(data: Data(("csrf:" + secret).utf8)))
    }

    /// A token for `subject` that sees `shops` (everything when `isOperator`), valid for `ttl` seconds.
    public func mint(subject: String, shops: [String], isOperator: Bool, ttl: TimeInterval, now: Date = Date()) async throws -> String {
        try await keys.sign(
            DashboardClaims(
                sub: SubjectClaim(value: subject), exp: ExpirationClaim(value: now.addingTimeInterval(ttl)),
                iat: IssuedAtClaim(value: now), shops: shops, op: isOperator))
    }

    /// The holder of `token`, or why it is refused.
    public func verify(_ token: String) async throws(DashboardAuthError) -> DashboardViewer {
        do {
            let claims = try await keys.verify(token, as: DashboardClaims.self)
            return DashboardViewer(
                subject: claims.sub.value, shops: claims.shops, isOperator: claims.op, expiresAt: claims.exp.value, token: token)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure && error.failedClaim is ExpirationClaim {
            throw .expired
        } catch {
            throw .invalid
        }
    }

    /// The CSRF token a page for `viewer` embeds and its actions send back in `X-CSRF-Token`.
    public func csrfToken(for viewer: DashboardViewer) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(viewer.token.utf8), using: csrfKey).lowercaseHex
    }

    /// Whether `candidate` is `viewer`'s CSRF token (compared in constant time).
    public func acceptsCSRF(_ candidate: String?, for viewer: DashboardViewer) -> Bool {
        guard let candidate else { return false }
        let expected = Array(csrfToken(for: viewer).utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
