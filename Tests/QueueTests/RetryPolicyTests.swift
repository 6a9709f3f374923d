import Queue
import Testing

@Suite struct RetryPolicyTests {
    @Test func sidekiqFormulaWithFixedJitter() {
        let policy = RetryPolicy.sidekiq
        // count = attempt - 1: count⁴ + 15 + rand(10)·(count + 1)
        #expect(policy.delay(afterAttempt: 1, random: { _ in 0 }) == 15)
        #expect(policy.delay(afterAttempt: 1, random: { _ in 9 }) == 24)
        #expect(policy.delay(afterAttempt: 3, random: { _ in 5 }) == 16 + 15 + 15)
        #expect(policy.delay(afterAttempt: 25, random: { _ in 0 }) == 331_776 + 15)
        #expect(policy.maxAttempts == 25)
    }

    @Test func jitterDrawIsBoundedByTheConfiguredRange() {
        var seen: [Int] = []
        _ = RetryPolicy.sidekiq.delay(afterAttempt: 2) { n in seen.append(n); return n - 1 }
        #expect(seen == [10])
    }

    @Test func capLimitsTheDelay() {
        let policy = RetryPolicy(maxAttempts: 5, capSeconds: 60)
        #expect(policy.delay(afterAttempt: 10, random: { _ in 0 }) == 60)
        #expect(policy.delay(afterAttempt: 1, random: { _ in 0 }) == 15)
    }

    @Test func retryAfterFromTheHandlerWinsOverTheFormula() throws {
        let envelope = JobEnvelope(kind: "label", queue: "default", args: .object([:]), maxAttempts: 5, now: 1000)
        let decision = FailureDecision.decide(
            envelope: envelope, raw: try envelope.encoded(), failure: .retryable("429", retryAfter: 7),
            policy: .sidekiq, now: 1000, process: "p", random: { _ in 9 })
        guard case .retry(let next, let runAt) = decision else {
            Issue.record("expected a retry, got \(decision)")
            return
        }
        #expect(runAt == 1007)
        #expect(next.attempt == 2)
        #expect(next.lastError == "429")
        #expect(next.history.map(\.attempt) == [1])
    }

    @Test func permanentFailureIsBuriedAtOnce() throws {
        let envelope = JobEnvelope(kind: "label", queue: "default", args: .object([:]), maxAttempts: 25, now: 1)
        let decision = FailureDecision.decide(
            envelope: envelope, raw: try envelope.encoded(), failure: .permanent("bad address"), policy: .sidekiq,
            now: 2, process: nil, random: { _ in 0 })
        guard case .bury(let letter) = decision else {
            Issue.record("expected bury, got \(decision)")
            return
        }
        #expect(letter.error == "bad address")
        #expect(letter.attempts == 1)
        #expect(letter.history.count == 1)
        #expect(try JobEnvelope.decode(letter.payload).id == envelope.id)
    }

    @Test func exhaustedAttemptsAreBuriedWithTheirHistory() throws {
        var envelope = JobEnvelope(kind: "x", queue: "default", args: .null, maxAttempts: 3, now: 1)
        envelope.attempt = 3
        let decision = FailureDecision.decide(
            envelope: envelope, raw: "", failure: .unknownKind("x"), policy: .sidekiq, now: 5, process: nil,
            random: { _ in 0 })
        guard case .bury(let letter) = decision else {
            Issue.record("expected bury, got \(decision)")
            return
        }
        #expect(letter.error.contains("attempts exhausted (3/3)"))
        #expect(letter.error.contains("unknown job kind 'x'"))
    }

    @Test func unknownKindAndNewerSchemaAreRetryable() {
        #expect(!JobFailure.unknownKind("k").isPermanent)
        #expect(!JobFailure.newerSchema(2).isPermanent)
        #expect(!JobFailure.timedOut(limitSeconds: 1).isPermanent)
    }

    @Test func envelopeRoundTripsWithSchemaVersion() throws {
        let envelope = JobEnvelope(
            kind: "sleep", queue: "low", args: .object(["ms": .number(5)]), maxAttempts: 3, correlation: "order-1",
            now: 1_700_000_000.5)
        let raw = try envelope.encoded()
        #expect(raw.contains("\"v\":1"))
        #expect(try JobEnvelope.decode(raw) == envelope)
        struct Sleep: Decodable { var ms: Int }
        #expect(try JobEnvelope.decodeArgs(Sleep.self, from: raw).ms == 5)
    }
}
