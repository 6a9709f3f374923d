// Job durations, published by every worker into its queues' stats hashes as histogram bucket
// counts, so one /metrics scrape covers the whole fleet.

import Foundation

/// Histogram bucket upper bounds, in seconds, shared by workers and the metrics endpoint.
public enum DurationBuckets {
    public static let bounds: [Double] = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120]

    /// Index of the first bucket that holds `seconds` (`bounds.count` for +Inf).
    public static func index(of seconds: Double) -> Int {
        bounds.firstIndex { seconds <= $0 } ?? bounds.count
    }
}

/// Durations of one kind: per-bucket counts (not cumulative), sum and count.
public struct JobDurationHistogram: Sendable, Equatable {
    public var buckets: [Int] = Array(repeating: 0, count: DurationBuckets.bounds.count + 1)
    public var sum: Double = 0
    public var count: Int { buckets.reduce(0, +) }

    public init() {}

    public mutating func record(seconds: Double) {
        buckets[DurationBuckets.index(of: seconds)] += 1
        sum += seconds
    }
}

extension RedisJobQueue {
    /// Adds histograms (by queue, then kind) to the fleet totals in one round trip.
    public func publishDurations(_ histograms: [String: [String: JobDurationHistogram]]) throws {
        var commands: [[String]] = []
        for (queue, kinds) in histograms {
            let stats = settings.keys.queue(queue).stats
            for (kind, histogram) in kinds {
                for (index, count) in histogram.buckets.enumerated() where count > 0 {
                    commands.append(["HINCRBY", stats, "dur:\(kind):\(index)", String(count)])
                }
                commands.append(["HINCRBYFLOAT", stats, "dursum:\(kind)", String(histogram.sum)])
            }
        }
        _ = try connection.pipeline(commands)
    }
}
