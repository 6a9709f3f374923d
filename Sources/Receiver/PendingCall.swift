// The hand-off between an awaiting task and the pool thread that runs its call: resumed exactly
// once, by the result or by cancellation, whichever comes first.

import Queue


/// One submitted call's continuation, safe to complete from any thread.
final class PendingCall<T: Sendable>: Sendable {
    private enum Phase {
        case created
        case waiting(CheckedContinuation<T, any Error>)
        case cancelled
        case finished
    }

    private let phase = Locked(Phase.created)

    /// Installs the continuation; resumes it at once when the task was cancelled before this.
    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        let cancelled = phase.withLock { phase in
            guard case .created = phase else { return true }
            phase = .waiting(continuation)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
    }

    /// Whether someone still waits for the result (false once cancelled).
    var isAwaited: Bool {
        phase.withLock { phase in
            if case .waiting = phase { return true }
            return false
        }
    }

    /// Delivers the call's result unless the waiter already left.
    func complete(_ result: Result<T, any Error>) {
        take(next: .finished)?.resume(with: result)
    }

    /// Releases the waiter with `CancellationError`; a later result is dropped.
    func cancel() {
        take(next: .cancelled)?.resume(throwing: CancellationError())
    }

    private func take(next: Phase) -> CheckedContinuation<T, any Error>? {
        phase.withLock { phase in
            switch phase {
            case .created:
                phase = .cancelled
                return nil
            case .waiting(let continuation):
                phase = next
                return continuation
            case .cancelled, .finished:
                return nil
            }
        }
    }
}
