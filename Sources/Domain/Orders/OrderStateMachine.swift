// The legal moves between order states. Handlers ask it before writing a new state, so an
// out-of-order or duplicate event can never overwrite a later state silently.

/// The order life cycle (happy path: received → classified → reserved → labelled → shipped →
/// delivered):
///
/// - `received → classified | awaiting`; `awaiting → classified` once TikTok says `AWAITING_SHIPMENT`.
/// - `classified → reserved | backordered`; `backordered → reserved` when a purchase order arrives.
/// - `reserved → labelled`; `labelled → reserved` when the label is voided (address changed before
///   shipping) so it is bought again; `labelled → shipped → delivered`.
/// - `cancelled` from every state before `shipped`; `refunded` from `shipped` or `delivered`.
/// - `cancelled` and `refunded` are terminal.
///
/// **Self-transitions are idempotent**: moving a state to itself is always allowed and returns the
/// same state, so a duplicate delivery of the event that caused it is a no-op rather than an error.
public enum OrderStateMachine: Sendable, Equatable {
    /// Every state reachable from `state` in one step, excluding `state` itself.
    public static func allowedTargets(from state: OrderState) -> Set<OrderState> {
        switch state {
        case .received: return [.classified, .awaiting, .cancelled]
        case .awaiting: return [.classified, .cancelled]
        case .classified: return [.reserved, .backordered, .cancelled]
        case .backordered: return [.reserved, .cancelled]
        case .reserved: return [.labelled, .cancelled]
        case .labelled: return [.shipped, .reserved, .cancelled]
        case .shipped: return [.delivered, .refunded]
        case .delivered: return [.refunded]
        case .cancelled, .refunded: return []
        }
    }

    /// Whether `from → to` is legal; a self-transition is (idempotent).
    public static func canTransition(from: OrderState, to: OrderState) -> Bool {
        from == to || allowedTargets(from: from).contains(to)
    }

    /// The state after moving `from → to`: `to` when legal (including `from == to`), otherwise
    /// throws ``IllegalTransition`` naming both states.
    public static func transition(from: OrderState, to: OrderState) throws(IllegalTransition) -> OrderState {
        guard canTransition(from: from, to: to) else { throw IllegalTransition(from: from, to: to) }
        return to
    }
}
