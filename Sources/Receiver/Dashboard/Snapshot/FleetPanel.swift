// The fleet panel's numbers from what Redis holds: per-queue depth, latency, in flight, retries,
// dead and paused; workers and busy slots; jobs per second by kind (from the processed counters'
// growth since the previous reading); dead letters grouped by error fingerprint. Pure.

import Domain
import Foundation
import Queue

/// Builds the `queues.stats` event body.
struct FleetPanel: Sendable {
    /// The processed counters at the previous reading, for the rates.
    struct Reading: Sendable {
        var at: Double
        var processed: [String: Int]
    }

    var snapshot: FleetSnapshot
    var workers: [WorkerInfo]
    var deadLetters: [DeadLetter]
    var previous: Reading?
    var now: Double

    /// This reading, for the next panel's rates.
    var reading: Reading { Reading(at: now, processed: snapshot.kinds.mapValues(\.processed)) }

    /// Jobs finished per second by kind since `previous` (empty on the first reading).
    var rates: [String: Double] {
        guard let previous, now > previous.at else { return [:] }
        var rates: [String: Double] = [:]
        for (kind, counters) in snapshot.kinds {
            let done = counters.processed - (previous.processed[kind] ?? 0)
            if done > 0 { rates[kind] = Double(done) / (now - previous.at) }
        }
        return rates
    }

    /// Dead letters grouped by queue, kind and error fingerprint, largest group first.
    var deadGroups: [JSONValue] {
        var groups: [String: (letter: DeadLetter, fingerprint: String, ids: [String])] = [:]
        for letter in deadLetters {
            let fingerprint = letter.errorFingerprint
            let key = letter.queue + "\u{1F}" + letter.kind + "\u{1F}" + fingerprint
            groups[key, default: (letter, fingerprint, [])].ids.append(letter.id)
        }
        return groups.values.sorted { ($0.ids.count, $0.fingerprint) > ($1.ids.count, $1.fingerprint) }.map { group in
            .object([
                "queue": .string(group.letter.queue), "kind": .string(group.letter.kind),
                "fingerprint": .string(group.fingerprint), "example": .string(String(group.letter.error.prefix(300))),
                "count": .number(Double(group.ids.count)), "ids": .array(group.ids.map(JSONValue.string)),
                "last_died_at": .number(group.letter.diedAt),
            ])
        }
    }

    var json: [String: JSONValue] {
        let live = workers.filter { now - $0.heartbeatAt < 60 }
        let processedPerSecond = rates.values.reduce(0, +)
        return [
            "type": .string("queues.stats"), "at": .number((now * 1000).rounded()),
            "queues": .array(snapshot.queues.map { queue in
                .object([
                    "name": .string(queue.name), "size": .number(Double(queue.size)),
                    "in_flight": .number(Double(queue.inFlight)), "scheduled": .number(Double(queue.scheduled)),
                    "retries": .number(Double(queue.retries)), "dead": .number(Double(queue.dead)),
                    "paused": .bool(queue.paused), "latency_s": .number(queue.latencySeconds),
                ])
            }),
            "workers": .number(Double(live.count)),
            "slots": .number(Double(live.reduce(0) { $0 + $1.concurrency })),
            "busy": .number(Double(live.reduce(0) { $0 + $1.busy })),
            "rates": .object(rates.mapValues(JSONValue.number)),
            "processed_per_s": .number(processedPerSecond),
            "latency_s": .number(snapshot.queues.map(\.latencySeconds).max() ?? 0),
            "dead_groups": .array(deadGroups),
        ]
    }
}
