// The outcome of a status conflict: the state to keep, the side that won and the rule that decided.

/// The result of ``StatusConflictResolver/resolve(local:tiktok:)``.
public struct StatusResolution: Sendable, Equatable {
    /// The state to keep.
    public var state: OrderState
    public var winner: StatusSource
    public var rule: ResolutionRule
    /// Whether CreatorFlow can move from its current state to `state` under ``OrderStateMachine``
    /// (always true when CreatorFlow won). False means a real conflict, such as TikTok cancelling an
    /// order that already shipped: the caller must raise it to a human, not force the state.
    public var isLegalFromLocal: Bool

    public init(state: OrderState, winner: StatusSource, rule: ResolutionRule, isLegalFromLocal: Bool) {
        self.state = state
        self.winner = winner
        self.rule = rule
        self.isLegalFromLocal = isLegalFromLocal
    }
}
