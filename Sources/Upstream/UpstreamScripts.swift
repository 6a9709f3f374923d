// The Lua scripts behind the gate. Both read the clock with Redis TIME, so every process
// judges windows and open periods by the one server clock, never by its own.
// Every call touches the keys of one upstream family only (one hash tag, one cluster slot).

import Queue
import Redis

/// The gate's atomic steps.
enum UpstreamScripts {
    /// Admits one request: breaker first, then every limited bucket, all or nothing.
    /// KEYS: open, trial, then one admission log per limited bucket.
    /// ARGV: token, log window ms, trial lease ms, then one limit per bucket.
    /// Returns {0, trial 0|1} admitted (trial 1: this request is the half-open trial and holds
    /// the lease under `token`); {1, ms} open for ms more; {2, ms} half-open, another process's
    /// trial holds the lease ms more; {3, ms, i} bucket i (1-based) has a free slot in ms.
    static let admit = RedisScript(name: "upstream-admit", source: """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
        local window = tonumber(ARGV[2])
        local trial = 0
        local openUntil = tonumber(redis.call('GET', KEYS[1]))
        if openUntil then
          if now < openUntil then return {1, math.ceil(openUntil - now)} end
          local lease = redis.call('PTTL', KEYS[2])
          if lease > 0 then return {2, lease} end
          trial = 1
        end
        local wait, which = 0, 0
        for i = 3, #KEYS do
          local limit = tonumber(ARGV[i + 1])
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
          local n = redis.call('ZCARD', KEYS[i])
          if n >= limit then
            local entry = redis.call('ZRANGE', KEYS[i], n - limit, n - limit, 'WITHSCORES')
            local free = tonumber(entry[2]) + window - now
            if free > wait or which == 0 then wait, which = free, i - 2 end
          end
        end
        if which > 0 then return {3, math.max(1, math.ceil(wait)), which} end
        for i = 3, #KEYS do
          redis.call('ZADD', KEYS[i], now, ARGV[1])
          redis.call('PEXPIRE', KEYS[i], window)
        end
        if trial == 1 then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3]) end
        return {0, trial}
        """)

    /// Records an outcome. KEYS: open, trial, failures. ARGV: outcome (F upstream failure,
    /// S anything else), trial token or '', failures threshold, failure window ms, open ms, member.
    /// The trial's outcome decides a half-open breaker: F re-opens it, S closes it. Other
    /// failures count while the breaker is closed and open it at the threshold.
    /// Returns 0 no change, 1 opened, 2 closed by the trial, 3 re-opened by the trial.
    static let record = RedisScript(name: "upstream-record", source: """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
        local failed = ARGV[1] == 'F'
        if ARGV[2] ~= '' and redis.call('GET', KEYS[2]) == ARGV[2] then
          redis.call('DEL', KEYS[2])
          if failed then
            redis.call('SET', KEYS[1], math.floor(now + tonumber(ARGV[5])))
            return 3
          end
          redis.call('DEL', KEYS[1], KEYS[3])
          return 2
        end
        if not failed or redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local window = tonumber(ARGV[4])
        redis.call('ZADD', KEYS[3], now, ARGV[6])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
        redis.call('PEXPIRE', KEYS[3], window)
        if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
          redis.call('SET', KEYS[1], math.floor(now + tonumber(ARGV[5])))
          redis.call('DEL', KEYS[3])
          return 1
        end
        return 0
        """)
}
