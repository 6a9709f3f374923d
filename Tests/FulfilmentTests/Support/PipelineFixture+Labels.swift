// Test helpers for labels and shipping: sandbox fault rules, request counts by path pattern, the
// order's shipment rows, an EasyPost client on the sandbox, and holding one job kind back.

import Clients
import Foundation
import Queue
import Sandbox
import Store
import Worker

/// One `shipments` row as the label tests read it.
struct LabelRow: Equatable {
    var status: String
    var carrier: String
    var service: String
    var trackingNumber: String?
    var providerShipmentId: String?
    var rateMinor: Int?
}

extension PipelineFixture {
    /// Adds a sandbox fault rule (see `FaultRule`), e.g. `{"kind":"lost_response","path":"/v2/shipments/*/buy"}`.
    func fault(_ rule: String) throws {
        try control("POST", "/_sim/faults", rule)
    }

    /// Removes every fault rule.
    func clearFaults() throws {
        try control("DELETE", "/_sim/faults")
    }

    /// How many `method` requests the sandbox received on paths matching `pattern` (`*` matches
    /// any run of characters within the path).
    func requests(_ method: String, matching pattern: String) throws -> Int {
        let regex = try NSRegularExpression(
            pattern: "^" + NSRegularExpression.escapedPattern(for: "\(method) \(pattern)").replacingOccurrences(of: "\\*", with: ".*")
                + "$")
        guard case .object(let counts)? = try control("GET", "/_sim/requests")["counts"] else { return 0 }
        return counts.reduce(0) { total, entry in
            let range = NSRange(entry.key.startIndex..., in: entry.key)
            return total + (regex.firstMatch(in: entry.key, range: range) != nil ? Int(entry.value.int ?? 0) : 0)
        }
    }

    /// The shipments of TikTok order `id`, oldest first.
    func shipments(of id: String) throws -> [LabelRow] {
        try query(
            """
            SELECT s.status, s.carrier, s.service, s.tracking_number, s.provider_shipment_id, s.rate_minor
            FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.tiktok_order_id = $1 ORDER BY s.id
            """, [.string(id)]
        ).map { row in
            LabelRow(
                status: try row["status", as: String.self], carrier: try row["carrier", as: String.self],
                service: try row["service", as: String.self], trackingNumber: try row["tracking_number", as: String?.self],
                providerShipmentId: try row["provider_shipment_id", as: String?.self],
                rateMinor: try row["rate_minor", as: Int?.self])
        }
    }

    /// An EasyPost client on the sandbox (to read shipments and their rates).
    func easyPost() throws -> EasyPostClient {
        try EasyPostClient(configuration: try services.integrations.requireEasyPost(), retry: .never)
    }

    /// The sandbox's packages of order `id` as (tracking number, shipping provider id).
    func sandboxPackages(_ id: String) throws -> [(tracking: String?, provider: String?)] {
        (try sandboxOrder(id)["packages"]?.array ?? []).map { ($0["tracking_number"]?.string, $0["shipping_provider_id"]?.string) }
    }

    /// A worker adjustment running jobs of `kinds` once only: a failed attempt goes straight to the
    /// dead letters, which holds an order at that step until the test re-enqueues it.
    static func once(_ kinds: String...) -> (inout WorkerConfig) -> Void {
        { worker in
            for kind in kinds {
                var policy = worker.defaultPolicy
                policy.retry.maxAttempts = 1
                worker.policies[kind] = policy
            }
        }
    }
}
