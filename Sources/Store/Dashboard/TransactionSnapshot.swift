// Which transactions a read saw: PostgreSQL's `pg_current_snapshot()` (`xmin:xmax:xip,…`). The
// dashboard reads its snapshot under one, and skips the events of transactions it already shows.

/// The set of transactions visible to one read.
public struct TransactionSnapshot: Sendable, Equatable {
    /// Every transaction below it had finished.
    public var xmin: Int64
    /// No transaction from it on had finished.
    public var xmax: Int64
    /// Transactions in `xmin..<xmax` still running at the read.
    public var inProgress: Set<Int64>

    public init(xmin: Int64, xmax: Int64, inProgress: Set<Int64>) {
        self.xmin = xmin
        self.xmax = xmax
        self.inProgress = inProgress
    }

    /// Parses `pg_current_snapshot()` text.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let xmin = Int64(parts[0]), let xmax = Int64(parts[1]) else { return nil }
        var running = Set<Int64>()
        for item in parts[2].split(separator: ",") {
            guard let xid = Int64(item) else { return nil }
            running.insert(xid)
        }
        self.init(xmin: xmin, xmax: xmax, inProgress: running)
    }

    /// Whether the effects of committed transaction `txid` are in the read.
    public func includes(_ txid: Int64) -> Bool {
        txid < xmin || (txid < xmax && !inProgress.contains(txid))
    }
}
