// The fleet's job-duration histograms, summed over queues, for /metrics.

import Foundation

extension QueueAdmin {
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
