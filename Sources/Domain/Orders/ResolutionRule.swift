// Why a status conflict was resolved the way it was; stored with the resolution for audit.

/// The rule of ``StatusConflictResolver`` that decided a conflict.
public enum ResolutionRule: String, Sendable, Equatable, Hashable, Codable {
    /// TikTok reported `cancelled` or `refunded`: TikTok is authoritative for payment and cancellation.
    case tiktokCancellation = "tiktok_cancellation"
    /// CreatorFlow holds a fulfilment state (reserved … delivered): CreatorFlow is authoritative.
    case creatorFlowFulfilment = "creatorflow_fulfilment"
    /// CreatorFlow already holds a terminal state (cancelled/refunded): a cancelled order never returns.
    case terminalLocal = "terminal_local"
    /// Neither side is authoritative: the later update wins; a tie keeps CreatorFlow's.
    case latestUpdate = "latest_update"
}
