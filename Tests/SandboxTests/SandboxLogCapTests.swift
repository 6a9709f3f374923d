// A long-running sandbox keeps a bounded request log and delivery log, while its per-route
// request counts stay exact.

import Foundation
@testable import Sandbox
import Testing

@Suite struct SandboxLogCapTests {
    @Test func requestLogForgetsTheOldestButCountsEveryRequest() async throws {
        let state = SandboxState(configuration: SandboxConfiguration(port: 0))
        let total = SandboxState.logCapacity + SandboxState.logCapacity / 10 + 1
        for index in 0..<total {
            await state.log(method: "GET", path: index.isMultiple(of: 2) ? "/even" : "/odd")
        }
        let summary = await state.requestSummary()
        #expect(summary["requests"]?.array?.count == SandboxState.logCapacity)
        #expect(summary["counts"]?["GET /even"]?.int == Int64((total + 1) / 2))
        #expect(summary["counts"]?["GET /odd"]?.int == Int64(total / 2))
    }

    @Test func appendKeepsTheNewestEntriesInOrder() {
        var log: [Int] = []
        for value in 0..<(SandboxState.logCapacity * 2) { SandboxState.append(value, to: &log) }
        #expect(log.count <= SandboxState.logCapacity + SandboxState.logCapacity / 10)
        #expect(log.last == SandboxState.logCapacity * 2 - 1)
        #expect(zip(log, log.dropFirst()).allSatisfy { $0 + 1 == $1 })
    }
}
