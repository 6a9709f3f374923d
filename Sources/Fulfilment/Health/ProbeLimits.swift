// The thresholds every health probe grades by, in one place. Chosen from the spec where it gives
// figures (I001: TikTok answering in 245 ms is healthy, a carrier at 3.4 s degraded; S001: HIGH-
// priority orders in under 30 s) and otherwise set well above what a healthy fleet shows.

/// What each probe counts as degraded and critical. A probe that cannot reach its subsystem at
/// all reports it `down`, whatever the limits.
struct ProbeLimits: Sendable {
    /// PostgreSQL `SELECT 1`, milliseconds: ≥ 100 degraded, ≥ 1,000 critical (a local round trip
    /// takes well under 1 ms; every handler runs several statements per job).
    var postgresMilliseconds = ProbeLimit<Double>(degradedAt: 100, criticalAt: 1000)
    /// Redis `PING`, milliseconds: ≥ 50 degraded, ≥ 500 critical (every claim and ack is a round trip).
    var redisMilliseconds = ProbeLimit<Double>(degradedAt: 50, criticalAt: 500)
    /// The TikTok Shop call, milliseconds: ≥ 1,000 degraded, ≥ 3,000 critical (I001 calls 245 ms
    /// healthy and 3.4 s degraded for a carrier).
    var tiktokMilliseconds = ProbeLimit<Double>(degradedAt: 1000, criticalAt: 3000)
    /// Age of the oldest waiting job in the `critical` queue, seconds: ≥ 30 degraded (S001: HIGH
    /// orders in under 30 s), ≥ 120 critical.
    var criticalQueueAgeSeconds = ProbeLimit<Double>(degradedAt: 30, criticalAt: 120)
    /// Age of the oldest waiting job in any other queue, seconds: ≥ 300 degraded, ≥ 1,800 critical.
    var queueAgeSeconds = ProbeLimit<Double>(degradedAt: 300, criticalAt: 1800)
    /// Jobs waiting across all queues: ≥ 10,000 degraded, ≥ 100,000 critical (a burst of 2,000
    /// orders makes about 10,000 jobs and drains in minutes).
    var waitingJobs = ProbeLimit<Int>(degradedAt: 10_000, criticalAt: 100_000)
    /// Jobs that went to the dead letters since the previous probe: ≥ 1 degraded (someone must
    /// look), ≥ 25 critical (a systematic failure).
    var deadLetterGrowth = ProbeLimit<Int>(degradedAt: 1, criticalAt: 25)
    /// Timeout of the TikTok call, seconds (no retries: the probe reports what one call sees).
    var tiktokTimeoutSeconds = 5
}
