// What a failure means for the work that raised it: try again (perhaps after a wait the other
// side asked for) or give up. Every error type of the fleet answers this one question, and one
// place (the worker's executor) turns the answer into a retry or a dead letter.

/// Whether work that failed may succeed if tried again.
public enum ErrorDisposition: Sendable, Equatable {
    /// The same work may succeed later; `after` is how long the other side asked us to wait.
    case retryable(after: Duration? = nil)
    /// It never will: the work goes to the dead letters with its reason.
    case permanent
    /// The cause lies outside the work (a shop that needs re-authorization): it waits `for` this
    /// long, or until an operator's fix re-drives it, without counting an attempt.
    case snoozed(for: Duration)

    /// Retryable, with no wait asked for.
    public static let retryable = ErrorDisposition.retryable(after: nil)

    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }
}

/// An error that says whether the work that raised it may be retried.
public protocol DispositionedError: Error {
    var disposition: ErrorDisposition { get }
}
