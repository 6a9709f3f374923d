// How an outbound call's classified error becomes a job outcome.

import Clients
import Queue

extension JobFailure {
    /// Retryable upstream errors retry (after the upstream's Retry-After when it gave one);
    /// permanent ones (a 4xx that will never succeed) go straight to the dead letters.
    init(upstream error: any ClassifiedError) {
        guard error.isRetryable else {
            self = .permanent("\(error)")
            return
        }
        let seconds = error.retryAfter.map { duration -> Double in
            let (whole, fraction) = duration.components
            return Double(whole) + Double(fraction) / 1e18
        }
        self = .retryable("\(error)", retryAfter: seconds)
    }
}
