// The claims a dashboard token carries.

import JWTKit

/// `sub`, `exp`, `iat`, the TikTok shop ids the holder sees and whether they operate the fleet.
struct DashboardClaims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var shops: [String]
    var op: Bool

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
