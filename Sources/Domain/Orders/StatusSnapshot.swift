// One side's view of an order's status in a conflict: the state and when that side last changed it.

import Foundation

/// A status as one system last recorded it.
public struct StatusSnapshot: Sendable, Equatable {
    public var state: OrderState
    /// When this side last changed the status (TikTok's `update_time`; our `orders.updated_at`).
    public var updatedAt: Date

    public init(state: OrderState, updatedAt: Date) {
        self.state = state
        self.updatedAt = updatedAt
    }
}
