// The Lua scripts that move jobs atomically, and the exact keys each call touches.
// Every call touches the keys of one queue only, so it runs on a Redis Cluster too.
// They are flagged allow-oom: they move jobs rather than add data, so a worker can still drain
// (and free memory) when Redis is at maxmemory; enqueues are the writes that get refused.

import Redis

/// Builders for every script call the queue makes.
public enum QueueScripts {
    /// Claims up to `max` jobs: queue → this process's in-flight list, one atomic step per job.
    /// Fails with NOLEASE when the process's lease on the queue is gone (it was presumed dead).
    static let claim = RedisScript(name: "claim", source: """
        #!lua flags=allow-oom
        if redis.call('EXISTS', KEYS[3]) == 0 then return redis.error_reply('NOLEASE lease expired') end
        if redis.call('EXISTS', KEYS[4]) == 1 then return {} end
        local out = {}
        for i = 1, tonumber(ARGV[1]) do
          local v = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
          if not v then break end
          out[#out + 1] = v
        end
        return out
        """)

    /// Settles a batch of attempts. ARGV: now, deadMaxCount, deadMaxAge, then per job 4 values:
    /// op (A ack, R retry, D dead, Q requeue at head), raw (as claimed), kind, data.
    /// For R data is "score|newRaw"; for D it is "id|deadLetterJSON". A job no longer in the
    /// in-flight list was fenced (its process lost the lease): nothing happens for it.
    /// Dead letters dropped by the caps move to the overflow hash until they are archived in
    /// PostgreSQL. Returns the 1-based indexes of fenced jobs.
    static let settle = RedisScript(name: "settle", source: """
        #!lua flags=allow-oom
        local now = tonumber(ARGV[1])
        local counts = {}
        local function bump(field) counts[field] = (counts[field] or 0) + 1 end
        local fenced = {}
        local buried = false
        local n = (#ARGV - 3) / 4
        for i = 0, n - 1 do
          local op, raw, kind, data = ARGV[4 + i * 4], ARGV[5 + i * 4], ARGV[6 + i * 4], ARGV[7 + i * 4]
          if redis.call('LREM', KEYS[1], -1, raw) == 0 then
            fenced[#fenced + 1] = i + 1
          elseif op == 'A' then
            bump('processed'); bump('processed:' .. kind)
          elseif op == 'R' then
            local bar = string.find(data, '|', 1, true)
            redis.call('ZADD', KEYS[3], string.sub(data, 1, bar - 1), string.sub(data, bar + 1))
            bump('failed'); bump('failed:' .. kind); bump('retried'); bump('retried:' .. kind)
          elseif op == 'D' then
            local bar = string.find(data, '|', 1, true)
            local id = string.sub(data, 1, bar - 1)
            redis.call('ZADD', KEYS[4], now, id)
            redis.call('HSET', KEYS[5], id, string.sub(data, bar + 1))
            bump('failed'); bump('failed:' .. kind); bump('dead'); bump('dead:' .. kind)
            buried = true
          elseif op == 'Q' then
            redis.call('RPUSH', KEYS[2], raw)
          end
        end
        for field, count in pairs(counts) do redis.call('HINCRBY', KEYS[6], field, count) end
        if buried then
          local function evict(ids)
            for _, id in ipairs(ids) do
              local letter = redis.call('HGET', KEYS[5], id)
              if letter then redis.call('HSET', KEYS[7], id, letter) end
            end
            redis.call('HDEL', KEYS[5], unpack(ids))
            redis.call('ZREM', KEYS[4], unpack(ids))
          end
          local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. (now - tonumber(ARGV[3])), 'LIMIT', 0, 1000)
          if #old > 0 then evict(old) end
          local excess = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[2])
          if excess > 0 then evict(redis.call('ZRANGE', KEYS[4], 0, math.min(excess, 1000) - 1)) end
        end
        return fenced
        """)

    /// Takes back the in-flight jobs of a process whose lease expired. ARGV: pid, now, then per
    /// job 3 values: raw, op (Q requeue at head, D dead), data (new raw, or "id|deadLetterJSON").
    /// Returns -1 when the lease is alive again, else the number of jobs taken back.
    static let reap = RedisScript(name: "reap", source: """
        #!lua flags=allow-oom
        if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
        local now = tonumber(ARGV[2])
        local moved = 0
        local n = (#ARGV - 2) / 3
        for i = 0, n - 1 do
          local raw, op, data = ARGV[3 + i * 3], ARGV[4 + i * 3], ARGV[5 + i * 3]
          if redis.call('LREM', KEYS[1], -1, raw) > 0 then
            moved = moved + 1
            if op == 'Q' then
              redis.call('RPUSH', KEYS[2], data)
            else
              local bar = string.find(data, '|', 1, true)
              local id = string.sub(data, 1, bar - 1)
              redis.call('ZADD', KEYS[5], now, id)
              redis.call('HSET', KEYS[6], id, string.sub(data, bar + 1))
              redis.call('HINCRBY', KEYS[7], 'dead', 1)
            end
          end
        end
        if redis.call('LLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[4], ARGV[1]) end
        return moved
        """)

    /// Renews a process's lease on one queue; returns the previous lease (nil when it had lapsed).
    /// ARGV: pid, lease milliseconds.
    static let heartbeat = RedisScript(name: "heartbeat", source: """
        #!lua flags=allow-oom
        local previous = redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'GET')
        redis.call('SADD', KEYS[2], ARGV[1])
        return previous
        """)

    /// Moves due members of a sorted set (retries or delayed jobs) to the queue. ARGV: now, limit.
    static let promote = RedisScript(name: "promote", source: """
        #!lua flags=allow-oom
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, raw in ipairs(due) do
          redis.call('ZREM', KEYS[1], raw)
          redis.call('LPUSH', KEYS[2], raw)
        end
        return #due
        """)

    /// Moves dead letters back to the queue by id. ARGV: per job 2 values: id, new raw.
    static let resurrect = RedisScript(name: "resurrect", source: """
        #!lua flags=allow-oom
        local moved = 0
        for i = 1, #ARGV, 2 do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
            redis.call('HDEL', KEYS[2], ARGV[i])
            redis.call('LPUSH', KEYS[3], ARGV[i + 1])
            moved = moved + 1
          end
        end
        return moved
        """)

    /// Deletes dead letters by id. ARGV: ids. Returns how many were deleted.
    static let dropDead = RedisScript(name: "drop-dead", source: """
        #!lua flags=allow-oom
        local dropped = 0
        for i = 1, #ARGV do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
            redis.call('HDEL', KEYS[2], ARGV[i])
            dropped = dropped + 1
          end
        end
        return dropped
        """)

    /// Moves members of a sorted set (retries or delayed jobs) to the queue now. ARGV: raws.
    static let runNow = RedisScript(name: "run-now", source: """
        #!lua flags=allow-oom
        local moved = 0
        for i = 1, #ARGV do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
            redis.call('LPUSH', KEYS[2], ARGV[i])
            moved = moved + 1
          end
        end
        return moved
        """)

    /// Enqueues a scheduled tick's job once: the tick key is claimed with NX in the same step.
    /// ARGV: raw envelope, tick key TTL in ms. Returns 1 when this call fired the tick.
    static let fireTick = RedisScript(name: "fire-tick", source: """
        #!lua
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
          redis.call('LPUSH', KEYS[2], ARGV[1])
          return 1
        end
        return 0
        """)

    static func fireTickCall(_ keys: QueueKeys, schedule: String, tickMs: Int64, raw: String, ttlMs: Int) -> RedisConnection.ScriptCall {
        .init(fireTick, keys: [keys.tick(schedule, tickMs), keys.jobs], args: [raw, String(ttlMs)])
    }

    /// Deletes a lock only if its value is still the caller's id. ARGV: owner.
    static let renewLock = RedisScript(name: "renew-lock", source: """
        #!lua flags=allow-oom
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """)

    static let unlock = RedisScript(name: "unlock", source: """
        #!lua flags=allow-oom
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """)

    static func dropDeadCall(_ keys: QueueKeys, ids: [String]) -> RedisConnection.ScriptCall {
        .init(dropDead, keys: [keys.dead, keys.deadData], args: ids)
    }

    static func runNowCall(from zset: String, _ keys: QueueKeys, raws: [String]) -> RedisConnection.ScriptCall {
        .init(runNow, keys: [zset, keys.jobs], args: raws)
    }

    static func claimCall(_ keys: QueueKeys, pid: String, max: Int) -> RedisConnection.ScriptCall {
        .init(claim, keys: [keys.jobs, keys.inflight(pid), keys.lease(pid), keys.paused], args: [String(max)])
    }

    static func settleCall(_ keys: QueueKeys, pid: String, args: [String]) -> RedisConnection.ScriptCall {
        .init(settle, keys: [keys.inflight(pid), keys.jobs, keys.retry, keys.dead, keys.deadData, keys.stats, keys.deadOverflow], args: args)
    }

    static func reapCall(_ keys: QueueKeys, pid: String, args: [String]) -> RedisConnection.ScriptCall {
        .init(reap, keys: [keys.inflight(pid), keys.jobs, keys.lease(pid), keys.processes, keys.dead, keys.deadData, keys.stats], args: args)
    }

    static func heartbeatCall(_ keys: QueueKeys, pid: String, leaseMs: Int) -> RedisConnection.ScriptCall {
        .init(heartbeat, keys: [keys.lease(pid), keys.processes], args: [pid, String(leaseMs)])
    }

    static func promoteCall(from zset: String, _ keys: QueueKeys, now: Double, limit: Int) -> RedisConnection.ScriptCall {
        .init(promote, keys: [zset, keys.jobs], args: [String(now), String(limit)])
    }

    static func resurrectCall(_ keys: QueueKeys, args: [String]) -> RedisConnection.ScriptCall {
        .init(resurrect, keys: [keys.dead, keys.deadData, keys.jobs], args: args)
    }

    /// Every script call shape with its keys, for the cluster-slot check in tests.
    public static func allCalls(keys: QueueKeys, pid: String) -> [(name: String, keys: [String])] {
        [claimCall(keys, pid: pid, max: 1), heartbeatCall(keys, pid: pid, leaseMs: 1), settleCall(keys, pid: pid, args: []), reapCall(keys, pid: pid, args: []),
         promoteCall(from: keys.retry, keys, now: 0, limit: 1), promoteCall(from: keys.scheduled, keys, now: 0, limit: 1),
         resurrectCall(keys, args: []), dropDeadCall(keys, ids: []), runNowCall(from: keys.retry, keys, raws: []),
         runNowCall(from: keys.scheduled, keys, raws: []),
         fireTickCall(keys, schedule: "health-probe", tickMs: 0, raw: "", ttlMs: 1)].map { ($0.script.name, $0.keys) }
    }
}
