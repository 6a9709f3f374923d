// How many round trips this process's PostgreSQL connections made: each is one flush of one or
// more statements (a pipeline, with its BEGIN and COMMIT) and the wait for their answers. Workers
// publish the count with their heartbeat, the web process on /metrics, and `ops/bench pipeline`
// divides the fleet's count by the orders it drained.

import Synchronization

/// The process-wide count of PostgreSQL round trips.
public enum PostgresRoundTrips {
    private static let count = Atomic<Int>(0)

    /// Round trips made since the process started.
    public static var total: Int { count.load(ordering: .relaxed) }

    static func add() {
        count.wrappingAdd(1, ordering: .relaxed)
    }
}
