// The dashboard's socket and pages over a real socket, with PostgreSQL's triggers as the event
// source: tokens, scoping, commit-only events, the refusals (oversize frames, unknown messages,
// floods, silent and slow clients) and resynchronisation.

import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Receiver
import Testing

@Suite struct DashboardSocketTests {
    @Test func missingForgedAndExpiredTokensAreRefused() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let expired = try await fixture.token(operator: true, ttl: 60, now: Date().addingTimeInterval(-3600))
            let forged = try await DashboardTokens(secret: "another-secret-another-secret-0123456").mint(
                subject: "mallory", shops: [], isOperator: true, ttl: 3600)
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                for (token, reason) in [(nil, "no dashboard token"), (forged, "not valid"), (expired, "expired")] {
                    let (probe, close) = try await DashboardProbe.refused(port: port, token: token)
                    #expect(close?.closeCode == .unknown(4401))
                    #expect(close?.reason?.contains(reason) == true, "\(String(describing: close?.reason))")
                    #expect(probe.messages.isEmpty)
                    let page = try await client.execute(
                        uri: "/dashboard", method: .get, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:])
                    #expect(page.status == .unauthorized)
                    #expect(String(buffer: page.body).contains(reason))
                }
            }
        }
    }

    @Test func aLinkBecomesAStrictHttpOnlyCookieAndTheCookieOpensThePage() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let token = try await fixture.token(operator: true)
            try await fixture.application().test(.live) { client in
                let link = try await client.execute(uri: "/dashboard?token=\(token)", method: .get)
                #expect(link.status == .seeOther)
                #expect(link.headers[.location] == "/dashboard")
                let cookie = try #require(link.headers[.setCookie])
                #expect(cookie.hasPrefix("cf_dashboard=\(token)"))
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                let page = try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: "cf_dashboard=\(token)"])
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("id=\"orders-rows\"") && html.contains("id=\"fleet\""))
                let probe = try await DashboardProbe.connected(
                    port: try #require(client.port), headers: [.cookie: "cf_dashboard=\(token)"])
                await probe.disconnect()
            }
        }
    }

    @Test func aCreatorSeesOnlyItsShopsAndOnlyCommittedChanges() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let mine = try await fixture.shop("shop-mine")
            let theirs = try await fixture.shop("shop-theirs")
            try await fixture.orders(2, shop: mine, prefix: "old-mine")
            try await fixture.orders(2, shop: theirs, prefix: "old-theirs")
            let creator = try await fixture.token(shops: ["shop-mine"])
            let operatorToken = try await fixture.token(operator: true)
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                try await fixture.feedReading()
                let probe = try await DashboardProbe.connected(port: port, token: creator)
                let overseer = try await DashboardProbe.connected(port: port, token: operatorToken)
                #expect(Set(probe.snapshotOrderIds) == ["old-mine-1", "old-mine-2"])
                #expect(Set(overseer.snapshotOrderIds).count == 4)
                #expect(probe.snapshots.first?["fleet"] is NSNull, "a creator's snapshot carries the fleet panel")

                try await fixture.sql(
                    """
                    BEGIN;
                    INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
                    VALUES ('rolled-back', \(mine), 'AWAITING_SHIPMENT', 'received');
                    ROLLBACK;
                    """)
                try await fixture.orders(1, shop: theirs, prefix: "new-theirs")
                try await fixture.orders(1, shop: mine, prefix: "new-mine")
                #expect(try await probe.waitUntil { $0.orderEventIds.contains("new-mine-1") }, "\(probe.messages.map { $0["type"] ?? "?" }) \(probe.snapshotOrderIds)")
                #expect(try await overseer.waitUntil { $0.orderEventIds.contains("new-mine-1") })
                #expect(probe.orderEventIds == ["new-mine-1"], "a creator got another shop's or an uncommitted order")
                #expect(overseer.orderEventIds == ["new-theirs-1", "new-mine-1"])
                #expect(!probe.events.contains { $0["type"] as? String == "queues.stats" })
                await probe.disconnect()
                await overseer.disconnect()
            }
        }
    }

    @Test func aSkuACreatorStartsSellingJoinsItsStockPanelAndEventsWhileConnected() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard { $0.stockInterval = .milliseconds(300) }
            let mine = try await fixture.shop("shop-growing")
            let creator = try await fixture.token(shops: ["shop-growing"])
            try await fixture.sql("INSERT INTO inventory (sku_id, on_hand) VALUES ('sku-old', 5), ('sku-new', 9)")
            try await fixture.sql(
                """
                WITH o AS (INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
                           VALUES ('first', \(mine), 'AWAITING_SHIPMENT', 'received') RETURNING id)
                INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at) SELECT id, 'sku-old', 1, 100, 'USD', now() FROM o
                """)
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                try await fixture.feedReading()
                let probe = try await DashboardProbe.connected(port: port, token: creator)
                func stockSkus(_ message: [String: Any]) -> Set<String> {
                    Set((message["stock"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String })
                }
                #expect(try await probe.waitUntil { $0.events.contains { $0["type"] as? String == "stock.update" } })
                #expect(probe.events.filter { $0["type"] as? String == "stock.update" }.allSatisfy { !stockSkus($0).contains("sku-new") })

                try await fixture.sql(
                    """
                    WITH o AS (INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
                               VALUES ('second', \(mine), 'AWAITING_SHIPMENT', 'received') RETURNING id)
                    INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at) SELECT id, 'sku-new', 1, 100, 'USD', now() FROM o
                    """)
                let panelGrew = try await probe.waitUntil {
                    $0.events.contains { $0["type"] as? String == "stock.update" && stockSkus($0).contains("sku-new") }
                }
                #expect(panelGrew, "the stock panel never showed the new SKU: \(probe.events.compactMap { $0["type"] })")
                try await fixture.sql("UPDATE inventory SET on_hand = 8 WHERE sku_id = 'sku-new'")
                // The change arrives as an event, or in a later snapshot if the client resynchronised meanwhile.
                let heard = try await probe.waitUntil { probe in
                    probe.events.contains { ($0["stock"] as? [String: Any])?["sku"] as? String == "sku-new" && $0["type"] as? String == "inventory.updated" }
                        || probe.snapshots.dropFirst().contains { snapshot in
                            (snapshot["stock"] as? [[String: Any]] ?? []).contains { $0["sku"] as? String == "sku-new" && $0["on_hand"] as? Int == 8 }
                        }
                }
                if !heard {
                    Issue.record("the new SKU's change did not reach the creator: \(probe.snapshots.count) snapshots, \(probe.events.filter { $0["type"] as? String != "stock.update" })")
                }
                await probe.disconnect()
            }
        }
    }

    @Test func eventsAreNumberedAfterTheSnapshotWithoutGapsOrDuplicates() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let shop = try await fixture.shop("shop-seq")
            let token = try await fixture.token(shops: ["shop-seq"])
            try await fixture.application().test(.live) { client in
                let probe = try await DashboardProbe.connected(port: try #require(client.port), token: token)
                for batch in 0..<5 { try await fixture.orders(3, shop: shop, prefix: "b\(batch)") }
                let all = Set((0..<5).flatMap { batch in (1...3).map { "b\(batch)-\($0)" } })
                // What the client shows: the latest snapshot's orders plus the events after it.
                func shown(_ probe: DashboardProbe) -> (ids: [String], gaps: Int) {
                    var ids: [String] = []
                    var next = 0
                    var gaps = 0
                    for message in probe.messages {
                        switch message["type"] as? String {
                        case "snapshot":
                            ids = (message["orders"] as? [[String: Any]] ?? []).compactMap { $0["tiktok_order_id"] as? String }
                            next = (message["seq"] as? Int ?? 0) + 1
                        case "events":
                            if message["seq"] as? Int != next { gaps += 1 }
                            let events = message["events"] as? [[String: Any]] ?? []
                            next += events.count
                            ids += events.compactMap { ($0["order"] as? [String: Any])?["tiktok_order_id"] as? String }
                        default: break
                        }
                    }
                    return (ids, gaps)
                }
                #expect(try await probe.waitUntil { all.isSubset(of: Set(shown($0).ids)) }, "\(probe.messages)")
                let (ids, gaps) = shown(probe)
                #expect(gaps == 0)
                #expect(ids.count == Set(ids).count, "an order was shown twice: \(ids)")
                await probe.disconnect()
            }
        }
    }

    @Test func oversizeFramesUnknownMessagesAndFloodsAreClosedWithAReason() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard { $0.messagesPer10Seconds = 20 }
            let token = try await fixture.token(operator: true)
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                let big = DashboardProbe(port: port, token: token)
                try await big.send(#"{"type":"pong","pad":""# + String(repeating: "x", count: 70 * 1024) + #""}"#)
                #expect(try await big.closeFrame()?.closeCode == .messageTooLarge)

                let unknown = DashboardProbe(port: port, token: token)
                try await unknown.send(#"{"type":"subscribe","channel":"everything"}"#)
                let refused = try await unknown.closeFrame()
                #expect(refused?.closeCode == .unknown(4400))
                #expect(refused?.reason?.contains("unknown message type \"subscribe\"") == true)

                let garbage = DashboardProbe(port: port, token: token)
                try await garbage.send("not json")
                #expect(try await garbage.closeFrame()?.closeCode == .unknown(4400))

                let flood = DashboardProbe(port: port, token: token)
                for _ in 0..<30 { try await flood.send(#"{"type":"pong"}"#) }
                let flooded = try await flood.closeFrame()
                #expect(flooded?.closeCode == .policyViolation)
                #expect(flooded?.reason?.contains("message flood") == true)
            }
        }
    }

    @Test func aSilentClientIsDroppedAndAnAnsweringOneStays() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard {
                $0.pingInterval = .milliseconds(300)
                // Long enough that an answering client is never silent for it when the suites share
                // two busy cores (a 3 s limit dropped one in a fresh clone's run).
                $0.silenceLimit = .seconds(6)
            }
            let token = try await fixture.token(operator: true)
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                let answering = try await DashboardProbe.connected(port: port, token: token)
                let silent = try await DashboardProbe.connected(port: port, token: token)
                let answers = Task {
                    var answered = 0
                    while !Task.isCancelled {
                        let pings = answering.messages.filter { $0["type"] as? String == "ping" }.count
                        while answered < pings {
                            try await answering.send(#"{"type":"pong"}"#)
                            answered += 1
                        }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                let dropped = try await silent.closeFrame(timeout: 20)
                #expect(dropped?.closeCode == .unknown(4408))
                #expect(dropped?.reason?.contains("no message or pong") == true)
                #expect(silent.messages.contains { $0["type"] as? String == "ping" }, "the server never pinged")
                let pings = { answering.messages.filter { $0["type"] as? String == "ping" }.count }
                let pingsAtDrop = pings()
                let keptPinging = try await answering.waitUntil(timeout: 15) { _ in pings() >= pingsAtDrop + 3 }
                answers.cancel()
                if answering.hasEnded {
                    let close = try? await answering.closeFrame(timeout: 1)
                    Issue.record("the answering client was dropped too: \(close.map { "\($0.closeCode) \($0.reason ?? "")" } ?? "no close frame")")
                }
                #expect(keptPinging, "the answering client got \(pings() - pingsAtDrop) pings in 15 s after the drop")
                await answering.disconnect()
            }
        }
    }

    @Test func aClientThatFallsBehindIsResynchronisedThenDropped() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard {
                $0.clientBuffer = 3
                $0.resyncsPerMinute = 2
            }
            let shop = try await fixture.shop("shop-slow")
            let token = try await fixture.token(shops: ["shop-slow"])
            try await fixture.application().test(.live) { client in
                try await fixture.feedReading()
                let probe = try await DashboardProbe.connected(port: try #require(client.port), token: token)
                try await fixture.orders(10, shop: shop, prefix: "burst1")
                #expect(try await probe.waitUntil { $0.snapshots.count == 2 }, "no resync after overflowing the buffer")
                #expect(Set(probe.snapshotOrderIds).isSuperset(of: (1...10).map { "burst1-\($0)" }))
                #expect(probe.orderEventIds.count <= 3, "events past the buffer were delivered instead of a resync")
                try await fixture.orders(10, shop: shop, prefix: "burst2")
                #expect(try await probe.waitUntil { $0.snapshots.count == 3 })
                try await fixture.orders(10, shop: shop, prefix: "burst3")
                let close = try await probe.closeFrame()
                #expect(close?.closeCode == .unknown(4429))
                #expect(close?.reason?.contains("too slow") == true)
            }
        }
    }

    @Test func aReconnectResynchronisesAndALostFeedSessionLosesNothing() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let shop = try await fixture.shop("shop-resync")
            let token = try await fixture.token(shops: ["shop-resync"])
            try await fixture.application().test(.live) { client in
                let port = try #require(client.port)
                try await fixture.feedReading()
                let first = try await DashboardProbe.connected(port: port, token: token)
                await first.disconnect()
                try await fixture.orders(2, shop: shop, prefix: "while-away")
                let again = try await DashboardProbe.connected(port: port, token: token)
                #expect(Set(again.snapshotOrderIds) == ["while-away-1", "while-away-2"])

                try await fixture.terminateFeedSession()
                try await fixture.orders(1, shop: shop, prefix: "during-gap")
                #expect(
                    try await again.waitUntil(timeout: 15) { $0.orderEventIds.contains("during-gap-1") },
                    "the feed read on from where it was after losing its session")
                try await fixture.orders(1, shop: shop, prefix: "after-gap")
                #expect(try await again.waitUntil { $0.orderEventIds.contains("after-gap-1") }, "events stopped after the feed reconnected")
                await again.disconnect()
            }
        }
    }

    @Test func deadLetterActionsNeedAnOperatorTheCSRFTokenAndTheSameOrigin() async throws {
        try await ReceiverFixture.with { plain in
            let fixture = plain.withDashboard()
            let operatorToken = try await fixture.token(operator: true)
            let creator = try await fixture.token(shops: ["shop-x"])
            let tokens = try await DashboardTokens(secret: dashboardSecret)
            let viewer = try await tokens.verify(operatorToken)
            let csrf = tokens.csrfToken(for: viewer)
            let body = ByteBuffer(string: #"{"queue":"default","ids":["none"]}"#)
            try await fixture.application().test(.live) { client async throws -> Void in
                func post(_ token: String, csrf: String?, origin: String? = nil) async throws -> HTTPResponse.Status {
                    var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                    if let csrf { headers[.init("X-CSRF-Token")!] = csrf }
                    if let origin { headers[.origin] = origin }
                    return try await client.execute(uri: "/dashboard/api/dead-letters/retry", method: .post, headers: headers, body: body).status
                }
                #expect(try await post(operatorToken, csrf: csrf) == .ok)
                #expect(try await post(operatorToken, csrf: nil) == .forbidden)
                #expect(try await post(operatorToken, csrf: String(repeating: "0", count: 64)) == .forbidden)
                #expect(try await post(operatorToken, csrf: csrf, origin: "https://evil.example") == .forbidden)
                #expect(try await post(creator, csrf: tokens.csrfToken(for: try await tokens.verify(creator))) == .forbidden)
            }
        }
    }
}
