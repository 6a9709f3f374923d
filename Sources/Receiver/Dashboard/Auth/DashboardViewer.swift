// Who holds a verified dashboard token and what it lets them see and do.

import Foundation

/// A verified token's holder.
public struct DashboardViewer: Sendable, Equatable {
    public var subject: String
    /// TikTok shop ids (or shop row ids) the viewer sees; ignored for operators.
    public var shops: [String]
    /// Sees the whole fleet and may retry or delete dead letters.
    public var isOperator: Bool
    public var expiresAt: Date
    /// The token itself: the CSRF token is derived from it.
    public var token: String
}
