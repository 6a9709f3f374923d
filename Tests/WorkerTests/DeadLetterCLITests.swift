import Foundation
import Jobs
import Queue
import Testing
import TestSupport
import Worker

/// A handler with a bug that can be "fixed" while the test runs.
final class Switch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isOn: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func turnOn() { lock.lock(); value = true; lock.unlock() }
}

struct BuggyHandler: JobHandler {
    let fixed: Switch
    let recorder: Recorder
    func handle(_ payload: RecordJob, context: JobContext) throws {
        guard fixed.isOn else { throw JobFailure.permanent("NullPointer in order \(payload.label)") }
        recorder.add(payload.label)
    }
}

/// The operator's path through the dead letters, with the real `creatorflow dead` CLI.
@Suite struct DeadLetterCLITests {
    func cli(_ redis: TestRedis, _ arguments: [String]) throws -> (Int32, String) {
        try run(
            repositoryRoot.appendingPathComponent(".build/debug/creatorflow").path, arguments,
            environment: ["REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": ""])
    }

    @Test func failingJobIsListedThenRetriedAfterTheFix() throws {
        let redis = try TestRedis()
        let fixed = Switch()
        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(BuggyHandler(fixed: fixed, recorder: recorder))
        let worker = WorkerHarness(redis: redis, registry: registry)
        worker.start()
        var ids: [String] = []
        for i in 0..<3 { ids.append(try worker.enqueue(RecordJob(label: "\(1000 + i)")).id) }
        #expect(try eventually(timeout: 10) { try worker.dead().count == 3 })

        let (listStatus, list) = try cli(redis, ["dead", "list"])
        #expect(listStatus == 0)
        #expect(ids.allSatisfy { list.contains($0) })
        #expect(list.contains("NullPointer in order 1000"))

        let (groupStatus, group) = try cli(redis, ["dead", "group", "--json"])
        #expect(groupStatus == 0)
        struct Row: Decodable { var kind: String; var fingerprint: String; var count: Int }
        let rows = try JSONDecoder().decode([Row].self, from: Data(group.utf8))
        #expect(rows.count == 1)
        #expect(rows.first?.count == 3)
        #expect(rows.first?.fingerprint == "NullPointer in order N")

        let (dryStatus, dry) = try cli(redis, ["dead", "retry", "--all", "--dry-run"])
        #expect(dryStatus == 0)
        #expect(dry.contains("3 dead letter(s) would be retried"))
        #expect(try worker.dead().count == 3)

        fixed.turnOn()
        let (retryStatus, retried) = try cli(redis, ["dead", "retry", ids[0], ids[1]])
        #expect(retryStatus == 0, "\(retried)")
        #expect(try eventually(timeout: 10) { Set(recorder.all) == ["1000", "1001"] })
        #expect(try worker.dead().map(\.id) == [ids[2]])

        let (missingStatus, missing) = try cli(redis, ["dead", "retry", "no-such-id"])
        #expect(missingStatus != 0)
        #expect(missing.contains("no dead letter with id no-such-id"))

        let (purgeDryStatus, purgeDry) = try cli(redis, ["dead", "purge", "--older-than", "0s", "--dry-run"])
        #expect(purgeDryStatus == 0 && purgeDry.contains("1 dead letter(s) would be purged"))
        let (keepStatus, keep) = try cli(redis, ["dead", "purge", "--older-than", "1d"])
        #expect(keepStatus == 0 && keep.contains("purged 0"))
        let (purgeStatus, purge) = try cli(redis, ["dead", "purge", "--older-than", "0s"])
        #expect(purgeStatus == 0 && purge.contains("purged 1"))
        #expect(try worker.dead().isEmpty)
        #expect(worker.stop())
    }

    @Test func pausedQueueIsNotServedUntilResumed() throws {
        let redis = try TestRedis()
        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(RecordHandler(recorder: recorder))
        let worker = WorkerHarness(redis: redis, registry: registry)
        #expect(try cli(redis, ["queues", "pause", "default"]).0 == 0)
        worker.start()
        _ = try worker.enqueue(RecordJob(label: "held"))
        Thread.sleep(forTimeInterval: 1)
        #expect(recorder.all.isEmpty)
        #expect(try worker.snapshot().queues.first { $0.name == "default" }?.paused == true)
        #expect(try cli(redis, ["queues", "resume", "default"]).0 == 0)
        #expect(eventually(timeout: 10) { recorder.all == ["held"] })
        #expect(worker.stop())
    }
}
