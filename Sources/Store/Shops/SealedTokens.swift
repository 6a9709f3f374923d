// A shop's tokens as stored: ciphertext the caller sealed, and the expiry times in clear.

import Foundation

/// Encrypted access and refresh tokens with their expiry times.
public struct SealedTokens: Sendable, Equatable {
    public var access: Data
    public var accessExpiresAt: Date
    public var refresh: Data
    public var refreshExpiresAt: Date

    public init(access: Data, accessExpiresAt: Date, refresh: Data, refreshExpiresAt: Date) {
        self.access = access
        self.accessExpiresAt = accessExpiresAt
        self.refresh = refresh
        self.refreshExpiresAt = refreshExpiresAt
    }
}
