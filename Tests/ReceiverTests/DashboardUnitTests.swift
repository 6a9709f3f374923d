// The dashboard's pure parts: which transactions a snapshot includes, the bounded mailbox, the
// flood gate, who receives which event, and what a client may send.

import Foundation
@testable import Receiver
import Store
import Testing

@Suite struct DashboardUnitTests {
    @Test func aSnapshotIncludesFinishedTransactionsOnly() throws {
        let snapshot = try #require(TransactionSnapshot("100:105:101,103"))
        #expect(snapshot.includes(99))
        #expect(snapshot.includes(100) && snapshot.includes(102) && snapshot.includes(104))
        #expect(!snapshot.includes(101) && !snapshot.includes(103))
        #expect(!snapshot.includes(105) && !snapshot.includes(200))
        #expect(TransactionSnapshot("7:7:") == TransactionSnapshot(xmin: 7, xmax: 7, inProgress: []))
        #expect(TransactionSnapshot("garbage") == nil)
        #expect(TransactionSnapshot("1:2:x") == nil)
    }

    @Test func aFullMailboxTradesItsEventsForOneResync() async throws {
        let mailbox = ClientMailbox(capacity: 3)
        let events = (1...3).map { DashboardEvent(type: "order.created", shop: 1, json: "{\"n\":\($0)}") }
        events.forEach(mailbox.push)
        #expect(await mailbox.next() == [.events(events)])
        (1...5).forEach { mailbox.push(DashboardEvent(type: "order.created", json: "{\"n\":\($0)}")) }
        mailbox.requestPing()
        #expect(await mailbox.next() == [.ping, .resync])
        mailbox.push(events[0])
        #expect(await mailbox.next() == [.events([events[0]])])
        mailbox.close()
        #expect(await mailbox.next() == nil)
    }

    @Test func theFloodGateCountsOverASlidingTenSeconds() {
        var gate = FloodGate(limit: 3)
        let admitted = [0, 1, 2, 3, 12.5].map { gate.admit(at: $0) }
        #expect(admitted == [true, true, true, false, true])
    }

    @Test func aCreatorReceivesItsShopsItsSkusFleetWideAlertsAndHealthOnly() {
        let creator = DashboardAudience(isOperator: false, shopIds: [7], shopNames: ["shop-7", "7"], skus: ["sku-a"])
        func receives(_ type: String, shop: Int64? = nil, subject: String? = nil) -> Bool {
            creator.receives(DashboardEvent(type: type, shop: shop, subject: subject, json: "{}"))
        }
        #expect(receives("order.created", shop: 7) && !receives("order.updated", shop: 8) && !receives("order.created"))
        #expect(receives("inventory.updated", subject: "sku-a") && !receives("inventory.updated", subject: "sku-b"))
        #expect(receives("inventory.critical", subject: "sku-a") && !receives("inventory.critical", subject: "sku-b"))
        #expect(receives("alert.raised") && receives("alert.raised", subject: "shop-7") && !receives("alert.raised", subject: "shop-9"))
        #expect(receives("health.update") && !receives("queues.stats") && !receives("something.new"))
        #expect(DashboardAudience.operatorAudience.receives(DashboardEvent(type: "queues.stats", json: "{}")))
    }

    @Test func aClientMaySendPongAndResyncOnly() throws {
        #expect(try ClientMessage.parse(#"{"type":"pong"}"#) == .pong)
        #expect(try ClientMessage.parse(#"{"type":"resync","extra":1}"#) == .resync)
        #expect(throws: DashboardCloseReason.badMessage("unknown message type \"ping\"")) { try ClientMessage.parse(#"{"type":"ping"}"#) }
        #expect(throws: DashboardCloseReason.badMessage("messages are JSON objects with a \"type\"")) { try ClientMessage.parse("[1]") }
    }

    @Test func aNotificationKeepsItsTextAndReadsItsRoutingFields() throws {
        let payload = #"{"type":"order.updated","shop":3,"txid":42,"at":1,"order":{"id":9}}"#
        let event = try #require(DashboardEvent(notification: payload))
        #expect(event == DashboardEvent(type: "order.updated", shop: 3, txid: 42, json: payload))
        #expect(DashboardEvent(notification: "not json") == nil)
    }
}
