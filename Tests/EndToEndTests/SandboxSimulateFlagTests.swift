// `creatorflow-sandbox --simulate PLAN.json`: the binary starts the shop simulator with the plan
// from the file (orders appear without any control call) and refuses an invalid plan at launch.

import Foundation
import Testing
import TestSupport

@Suite struct SandboxSimulateFlagTests {
    func planFile(_ json: String) throws -> String {
        let path = NSTemporaryDirectory() + "cf-plan-\(UUID().uuidString).json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func thePlanFileStartsTheSimulatorAtLaunch() throws {
        let path = try planFile(#"{"skus":[{"sku_id":"flag-sku","orders_per_hour":36000}],"time_scale":1}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try SandboxProcess(["--webhook-url", "none", "--simulate", path])
        var status = ""
        let ordered = eventually(timeout: 20, interval: 0.2) {
            status = (try? sandbox.get("/_sim/simulator")) ?? ""
            return status.contains(#""running":true"#) && status.firstMatch(of: /"orders_created":[1-9]/) != nil
        }
        #expect(ordered, "\(status)")
        #expect(status.contains(#""sku_id":"flag-sku""#))
    }

    @Test func anInvalidPlanFileStopsTheLaunchWithItsReason() throws {
        let path = try planFile(#"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"a","multiplier":2,"start_after_s":0,"duration_s":1}]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, output) = try run(BuiltBinaries.path("creatorflow-sandbox"), ["--port", "0", "--simulate", path])
        #expect(status != 0)
        #expect(output.contains("spike multiplier must be 3…10, got 2.0"), "\(output)")
        let missing = try run(BuiltBinaries.path("creatorflow-sandbox"), ["--port", "0", "--simulate", "/nonexistent/plan.json"])
        #expect(missing.0 != 0 && missing.1.contains("--simulate /nonexistent/plan.json"), "\(missing.1)")
    }
}
