// The error for a state change the order state machine does not allow.

/// An order cannot move from `from` to `to`; the stored state must stay as it is.
public struct IllegalTransition: Error, Sendable, Equatable, CustomStringConvertible {
    public var from: OrderState
    public var to: OrderState

    public init(from: OrderState, to: OrderState) {
        self.from = from
        self.to = to
    }

    public var description: String { "illegal order transition \(from.rawValue) → \(to.rawValue)" }
}

extension IllegalTransition: DispositionedError {
    /// The stored state will not change by trying again.
    public var disposition: ErrorDisposition { .permanent }
}
