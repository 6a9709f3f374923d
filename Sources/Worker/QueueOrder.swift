// The order in which a worker looks at its queues: strict priority or weighted random (Sidekiq).

/// How a worker orders its queues on each fetch.
public enum QueueOrder: Sendable, Equatable {
    /// Always highest first.
    case strict([String])
    /// Each fetch, queues are ordered by a weighted random draw (a queue with weight 3 comes
    /// first three times as often as one with weight 1).
    case weighted([(name: String, weight: Int)])

    public static func == (a: QueueOrder, b: QueueOrder) -> Bool {
        switch (a, b) {
        case (.strict(let x), .strict(let y)): return x == y
        case (.weighted(let x), .weighted(let y)): return x.map(\.name) == y.map(\.name) && x.map(\.weight) == y.map(\.weight)
        default: return false
        }
    }

    /// Every queue served.
    public var queues: [String] {
        switch self {
        case .strict(let names): return names
        case .weighted(let pairs): return pairs.map(\.name)
        }
    }

    /// The queues in the order to try now; `random(n)` returns an integer in `0..<n`.
    public func next(random: (Int) -> Int) -> [String] {
        switch self {
        case .strict(let names):
            return names
        case .weighted(var pool):
            var order: [String] = []
            while !pool.isEmpty {
                let total = pool.reduce(0) { $0 + max($1.weight, 0) }
                if total == 0 {
                    order += pool.map(\.name)
                    break
                }
                var pick = random(total)
                let index = pool.firstIndex { pick -= max($0.weight, 0); return pick < 0 }!
                order.append(pool.remove(at: index).name)
            }
            return order
        }
    }
}
