// The shared circuit breaker against real Redis: 5 upstream failures in the window open it for
// every process, other failures never count, one trial fleet-wide when half-open, and the
// trial's outcome closes or re-opens it.

import Clients
import Foundation
import Queue
import TestSupport
import Testing
import Upstream

@Suite struct CircuitBreakerTests {
    static let settings = UpstreamGateSettings(
        breaker: BreakerSettings(failures: 5, window: .seconds(60), openFor: .milliseconds(1500), trialLease: .seconds(20)))
    static let call = UpstreamCall(upstream: "supplier", buckets: ["supplier"])

    @Test func fiveUpstreamFailuresOpenTheBreakerForEveryProcess() async throws {
        let redis = try GateRedis()
        let (before, refusal) = try await onThread { () -> (BreakerState, UpstreamUnavailable?) in
            let gate = try redis.gate(Self.settings)
            let other = try redis.gate(Self.settings)
            for _ in 0..<4 {
                try gate.admit(Self.call)
                gate.record(Self.call, failure: Failures.upstream)
            }
            for _ in 0..<10 {
                try gate.admit(Self.call)
                gate.record(Self.call, failure: Failures.client)
                gate.record(Self.call, failure: UpstreamUnavailable(upstream: "supplier", retryAfter: .seconds(1)))
                gate.record(Self.call, failure: nil)
            }
            let before = try other.state(of: "supplier").state
            try gate.admit(Self.call)
            gate.record(Self.call, failure: Failures.upstream)
            do {
                try other.admit(Self.call)
                return (before, nil)
            } catch let error as UpstreamUnavailable {
                return (before, error)
            }
        }
        #expect(before == .closed)
        let error = try #require(refusal)
        #expect(error.upstream == "supplier" && error.isRetryable && !error.isUpstreamFailure)
        #expect(error.retryAfter! > .zero && error.retryAfter! <= .milliseconds(1500))
        let seen = try await onThread { try redis.monitor().breakerStates() }
        #expect(seen.map(\.upstream) == ["supplier"] && seen[0].state == .open && seen[0].openFor != nil)
    }

    @Test func failuresOutsideTheWindowDoNotAddUp() async throws {
        let redis = try GateRedis()
        var adjusted = Self.settings
        adjusted.breaker.window = .milliseconds(800)
        let settings = adjusted
        let state = try await onThread { () -> BreakerState in
            let gate = try redis.gate(settings)
            for round in 0..<2 {
                for _ in 0..<(3 - round) { gate.record(Self.call, failure: Failures.upstream) }
                Thread.sleep(forTimeInterval: 1)
            }
            return try gate.state(of: "supplier").state
        }
        #expect(state == .closed)
    }

    @Test func afterTheOpenPeriodExactlyOneTrialIsAdmittedAndItsSuccessCloses() async throws {
        let redis = try GateRedis()
        try await trip(redis)
        try await waitForHalfOpen(redis)
        let outcomes = try await onThreads(8) { _ -> Bool in
            let gate = try redis.gate(Self.settings)
            do {
                try gate.admit(Self.call)
            } catch is UpstreamUnavailable {
                return false
            }
            Thread.sleep(forTimeInterval: 0.3)
            gate.record(Self.call, failure: nil)
            return true
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let after = try await onThread { () -> (BreakerState, Bool) in
            let gate = try redis.gate(Self.settings)
            let state = try gate.state(of: "supplier").state
            try gate.admit(Self.call)
            return (state, true)
        }
        #expect(after == (.closed, true))
    }

    @Test func aFailedTrialReopensTheBreaker() async throws {
        let redis = try GateRedis()
        try await trip(redis)
        try await waitForHalfOpen(redis)
        let status = try await onThread { () -> BreakerStatus in
            let gate = try redis.gate(Self.settings)
            try gate.admit(Self.call)
            gate.record(Self.call, failure: Failures.upstream)
            return try gate.state(of: "supplier")
        }
        #expect(status.state == .open && status.openFor! > .milliseconds(1000))
    }

    @Test func aTrialWhoseHolderVanishedIsRetriedAfterItsLease() async throws {
        let redis = try GateRedis()
        var adjusted = Self.settings
        adjusted.breaker.trialLease = .milliseconds(700)
        let settings = adjusted
        try await trip(redis)
        try await waitForHalfOpen(redis)
        let (first, during, later) = try await onThread { () -> (Bool, Bool, Bool) in
            func admitted(_ gate: RedisUpstreamGate) -> Bool { (try? gate.admit(Self.call)) != nil }
            let vanished = try redis.gate(settings)
            let other = try redis.gate(settings)
            let first = admitted(vanished)
            let during = admitted(other)
            Thread.sleep(forTimeInterval: 0.9)
            return (first, during, admitted(other))
        }
        #expect(first && !during && later)
    }

    /// Opens the supplier breaker with five upstream failures.
    private func trip(_ redis: GateRedis) async throws {
        let state = try await onThread { () -> BreakerState in
            let gate = try redis.gate(Self.settings)
            for _ in 0..<5 {
                try gate.admit(Self.call)
                gate.record(Self.call, failure: Failures.upstream)
            }
            return try gate.state(of: "supplier").state
        }
        #expect(state == .open)
    }

    private func waitForHalfOpen(_ redis: GateRedis) async throws {
        let reached = try await onThread {
            let monitor = try redis.monitor()
            return try eventually(timeout: 5) { try monitor.state(of: "supplier").state == .halfOpen }
        }
        #expect(reached)
    }
}
