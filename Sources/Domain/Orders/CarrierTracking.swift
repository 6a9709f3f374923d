// What a carrier's tracking status means for an order: only `delivered` moves it, and only from a
// state the order state machine lets reach delivered (shipped). Pure; the worker's
// tracking-update job applies it.

/// Carrier tracking statuses against the order state machine.
public enum CarrierTracking {
    /// The one carrier status that moves an order (EasyPost's `delivered`).
    public static let delivered = "delivered"

    /// The state `carrierStatus` moves an order in `current` to, if any; never a self-transition.
    public static func target(carrierStatus: String?, from current: OrderState) -> OrderState? {
        guard carrierStatus == delivered, current != .delivered,
            OrderStateMachine.canTransition(from: current, to: .delivered)
        else { return nil }
        return .delivered
    }
}
