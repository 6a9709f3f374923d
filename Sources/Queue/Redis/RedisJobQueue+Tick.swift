// The scheduler's tick: each schedule's tick fires once fleet-wide, whichever scheduler gets there first.

import Foundation

extension RedisJobQueue {
    /// Fires a schedule's tick: enqueues `job` unless some scheduler already fired this tick.
    /// Returns whether this call fired it.
    public func fireTick(schedule: String, tickMs: Int64, job: EncodedJob, keepSeconds: Double) throws -> Bool {
        let call = QueueScripts.fireTickCall(
            settings.keys.queue(job.queue), schedule: schedule, tickMs: tickMs, raw: job.raw,
            ttlMs: Int(keepSeconds * 1000))
        let fired = try connection.eval(call.script, keys: call.keys, args: call.args).integer == 1
        if fired {
            _ = try? connection.pipeline([["SADD", settings.keys.queues, job.queue]] + FetcherWake.commands(settings.keys))
        }
        return fired
    }
}
