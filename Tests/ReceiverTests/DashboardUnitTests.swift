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
        let batches = [EventBatch(Array(events[0..<2])), EventBatch([events[2]])]
        batches.forEach(mailbox.push)
        #expect(await mailbox.next() == [.events(batches)])
        (1...5).forEach { mailbox.push(EventBatch([DashboardEvent(type: "order.created", json: "{\"n\":\($0)}")])) }
        mailbox.requestPing()
        #expect(await mailbox.next() == [.ping, .resync])
        mailbox.push(batches[0])
        mailbox.push(EventBatch(events))
        #expect(await mailbox.next() == [.resync], "two events queued and three more exceed the capacity of 3")
        mailbox.push(batches[1])
        #expect(await mailbox.next() == [.events([batches[1]])])
        mailbox.close()
        #expect(await mailbox.next() == nil)
    }

    @Test func anEventsFrameNumbersItsEventsAndLeavesOutWhatTheSnapshotHolds() throws {
        let snapshot = try #require(TransactionSnapshot("100:105:101"))
        let old = DashboardEvent(type: "order.updated", txid: 100, json: #"{"n":1}"#)
        let running = DashboardEvent(type: "order.updated", txid: 101, json: #"{"n":2}"#)
        let poller = DashboardEvent(type: "queues.stats", json: #"{"n":3}"#)
        let later = DashboardEvent(type: "order.created", txid: 106, json: #"{"n":4}"#)
        let batches = [EventBatch([old, running]), EventBatch([poller, later])]

        let all = try #require(EventsFrame(first: 7, sentAt: 1_000, batches: batches, visible: nil))
        #expect(String(buffer: all.text) == #"{"type":"events","seq":7,"sent":1000,"events":[{"n":1},{"n":2},{"n":3},{"n":4}]}"#)
        #expect(all.count == 4)
        let afterSnapshot = try #require(EventsFrame(first: 2, sentAt: 1_001, batches: batches, visible: snapshot))
        #expect(String(buffer: afterSnapshot.text) == #"{"type":"events","seq":2,"sent":1001,"events":[{"n":2},{"n":3},{"n":4}]}"#)
        #expect(afterSnapshot.count == 3)
        #expect(EventsFrame(first: 2, sentAt: 1_002, batches: [EventBatch([old])], visible: snapshot) == nil)
        let decoded = try JSONSerialization.jsonObject(with: Data(String(buffer: all.text).utf8)) as? [String: Any]
        #expect((decoded?["events"] as? [Any])?.count == 4)
    }

    @Test func theHubFiltersABatchOncePerAudienceAndSharesIt() async throws {
        let hub = DashboardHub(bufferCapacity: 10)
        let creator = DashboardAudience(isOperator: false, shopIds: [7], shopNames: ["7"], skus: [])
        let operators = [hub.connect(.operatorAudience), hub.connect(.operatorAudience)]
        let creators = [hub.connect(creator), hub.connect(creator)]
        let stranger = hub.connect(DashboardAudience(isOperator: false, shopIds: [9], shopNames: ["9"], skus: []))
        let ours = DashboardEvent(type: "order.created", shop: 7, json: "{}")
        let stats = DashboardEvent(type: "queues.stats", json: "{}")
        hub.publish([ours, stats])

        let operatorItems = [await operators[0].mailbox.next(), await operators[1].mailbox.next()]
        let creatorItems = [await creators[0].mailbox.next(), await creators[1].mailbox.next()]
        guard case .events(let a)? = operatorItems[0]?.first, case .events(let b)? = operatorItems[1]?.first,
              case .events(let c)? = creatorItems[0]?.first, case .events(let d)? = creatorItems[1]?.first
        else { Issue.record("no events: \(operatorItems) \(creatorItems)"); return }
        #expect(a[0] === b[0] && c[0] === d[0], "one batch per audience, shared by its clients")
        #expect(a[0].events == [ours, stats] && c[0].events == [ours])
        stranger.mailbox.requestPing()
        #expect(await stranger.mailbox.next() == [.ping], "the other creator's shop got nothing")
        #expect(hub.clientCount == 5)
        hub.disconnect(stranger)
        #expect(hub.clientCount == 4)
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

    @Test func aRegroupedCreatorGetsItsNewSkusEvents() async throws {
        let hub = DashboardHub(bufferCapacity: 10)
        let before = DashboardAudience(isOperator: false, shopIds: [7], shopNames: ["7"], skus: ["sku-a"])
        let clients = [hub.connect(before), hub.connect(before)]
        let fresh = DashboardEvent(type: "inventory.updated", subject: "sku-new", json: "{}")
        #expect(hub.creatorAudiences == [before])

        var after = before
        after.skus.insert("sku-new")
        hub.regroup(before, as: after)
        hub.publish([fresh])
        for client in clients {
            #expect(client.audience == after)
            #expect(await client.mailbox.next() == [.events([EventBatch([fresh])])])
        }
        #expect(hub.creatorAudiences == [after] && hub.clientCount == 2)
        hub.disconnect(clients[0])
        hub.disconnect(clients[1])
        #expect(hub.creatorAudiences.isEmpty && hub.clientCount == 0)
    }

    @Test func aClientMaySendPongAndResyncOnly() throws {
        #expect(try ClientMessage.parse(#"{"type":"pong"}"#) == .pong)
        #expect(try ClientMessage.parse(#"{"type":"resync","extra":1}"#) == .resync)
        #expect(throws: DashboardCloseReason.badMessage("unknown message type \"ping\"")) { try ClientMessage.parse(#"{"type":"ping"}"#) }
        #expect(throws: DashboardCloseReason.badMessage("messages are JSON objects with a \"type\"")) { try ClientMessage.parse("[1]") }
    }

    @Test func aLoggedEventKeepsItsTextAndReadsItsRoutingFields() throws {
        let payload = #"{"type":"order.updated","shop":3,"txid":42,"at":1,"order":{"id":9}}"#
        let event = try #require(DashboardEvent(payload: payload))
        #expect(event == DashboardEvent(type: "order.updated", shop: 3, txid: 42, json: payload))
        #expect(DashboardEvent(payload: "not json") == nil)
    }
}
