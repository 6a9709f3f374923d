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

    /// Fleet-wide duration histograms by kind, summed over queues.
    public func durationHistograms() throws -> [String: JobDurationHistogram] {
        let queues = try allQueues()
        let replies = try connection.pipeline(queues.map { ["HGETALL", settings.keys.queue($0).stats] })
        var result: [String: JobDurationHistogram] = [:]
        for reply in replies {
            let pairs = reply.strings
            for i in stride(from: 0, to: pairs.count - 1, by: 2) {
                let field = pairs[i]
                if field.hasPrefix("dursum:") {
                    result[String(field.dropFirst(7)), default: JobDurationHistogram()].sum += Double(pairs[i + 1]) ?? 0
                } else if field.hasPrefix("dur:"), let colon = field.lastIndex(of: ":"),
                    let index = Int(field[field.index(after: colon)...]), index <= DurationBuckets.bounds.count
                {
                    let kind = String(field[field.index(field.startIndex, offsetBy: 4)..<colon])
                    result[kind, default: JobDurationHistogram()].buckets[index] += Int(pairs[i + 1]) ?? 0
                }
            }
        }
        return result
    }
}
