// The receiver process and the checks every end-to-end run ends with.

import Foundation
import Sandbox
import Testing
import TestSupport

extension PipelineFixture {
    /// Starts `creatorflow web` on the fixture's webhook port and waits until it is ready.
    func startWeb() throws -> Child {
        guard let webhookPort else { throw TestEnvironmentError("the fixture was made without webhooks: true") }
        let web = track(try Child(
            ["web", "--port", "\(webhookPort)"],
            environment: processEnvironment.merging(["CF_RELAY_GRACE_S": "3", "CF_RELAY_INTERVAL_S": "1"]) { _, new in new }))
        let ready = try eventually(timeout: 30, interval: 0.1) {
            (try? SimHTTP.call("GET", "http://127.0.0.1:\(webhookPort)/readyz"))?["status"]?.string == "ready"
        }
        guard ready else { throw TestEnvironmentError("creatorflow web did not become ready: \(web.output)") }
        return web
    }

    /// Every order in `ids` is shipped at the sandbox with the tracking number and provider of the
    /// one label CreatorFlow bought for it.
    func expectShippedWithBoughtLabels(_ ids: [String]) throws {
        for id in ids {
            let rows = try query(
                """
                SELECT s.tracking_number, s.carrier FROM shipments s JOIN orders o ON o.id = s.order_id
                WHERE o.tiktok_order_id = $1 AND s.status = 'purchased'
                """, [.string(id)])
            #expect(rows.count == 1, "order \(id) has \(rows.count) purchased labels")
            guard let label = rows.first else { continue }
            let tracking = try label["tracking_number", as: String.self]
            let carrier = try label["carrier", as: String.self]
            let packages = try sandboxOrder(id)["packages"]?.array ?? []
            #expect(packages.count == 1)
            #expect(packages.first?["tracking_number"]?.string == tracking, "order \(id) shipped with another tracking number")
            #expect(packages.first?["shipping_provider_id"]?.string == services.settings.carrierProviders[carrier])
        }
        #expect(try count("SELECT count(DISTINCT tracking_number) FROM shipments WHERE status = 'purchased'") == ids.count)
    }
}
