// Counts a client's messages over a sliding 10-second window.

/// Refuses a client that sends more than `limit` messages in any 10 s.
struct FloodGate {
    let limit: Int
    private var times: [Double] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Records a message at `now`; false when it is one too many.
    mutating func admit(at now: Double) -> Bool {
        times.removeAll { now - $0 >= 10 }
        times.append(now)
        return times.count <= limit
    }
}
