// Per-carrier breakers behind one aggregator, over real HTTP to the sandbox: a carrier answering
// 5xx opens only its own breaker, requests for it stop reaching the upstream while open, and
// after the open period one trial closes it again.

import Clients
import Foundation
import Queue
import Sandbox
import TestSupport
import Testing
import Upstream

@Suite struct CarrierBreakerTests {
    @Test func aFailingCarrierOpensOnlyItsBreakerAndRecoversAfterTheOpenPeriod() async throws {
        let redis = try GateRedis()
        let settings = UpstreamGateSettings(breaker: BreakerSettings(openFor: .seconds(2)))
        try await withSandbox { sandbox in
            try await sandbox.control(
                "POST", "/_sim/faults", #"{"kind":"server_error","status":502,"path":"/v2/trackers","carrier":"USPS"}"#)
            let configuration = EasyPostConfiguration(apiKey: easyPostKey, baseURL: sandbox.baseURL + "/v2")
            let outcomes = try await onThread { () -> [String] in
                let client = try EasyPostClient(configuration: configuration, gate: try redis.gate(settings), retry: .never)
                var outcomes: [String] = []
                for index in 0..<6 {
                    do {
                        outcomes.append(try client.createTracker(trackingCode: "USPS\(index)", carrier: "USPS").status)
                    } catch let error as EasyPostAPIError {
                        outcomes.append(String(error.status))
                    } catch is UpstreamUnavailable {
                        outcomes.append("refused")
                    }
                }
                outcomes.append(try client.createTracker(trackingCode: "UPS1", carrier: "UPS").carrier ?? "")
                return outcomes
            }
            #expect(outcomes == ["502", "502", "502", "502", "502", "refused", "UPS"])
            #expect(try await sandbox.requestCount("POST", "/v2/trackers") == 6)
            let states = try await onThread { try redis.monitor().breakerStates().map { "\($0.upstream)=\($0.state)" } }
            #expect(states == ["easypost:UPS=closed", "easypost:USPS=open"])

            try await sandbox.control("DELETE", "/_sim/faults")
            let recovered = try await onThread { () -> [String] in
                let monitor = try redis.monitor()
                let client = try EasyPostClient(configuration: configuration, gate: try redis.gate(settings), retry: .never)
                guard try eventually(timeout: 5, { try monitor.state(of: "easypost:USPS").state == .halfOpen }) else {
                    return ["never half-open"]
                }
                let tracker = try client.createTracker(trackingCode: "USPS9", carrier: "USPS")
                return [tracker.carrier ?? "", "\(try monitor.state(of: "easypost:USPS").state)"]
            }
            #expect(recovered == ["USPS", "closed"])
        }
    }
}
