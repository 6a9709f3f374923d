// Issue #14, "must show" 1: the dashboard in a real browser. Headless Chromium opens /dashboard
// of a running fleet (the sandbox, `creatorflow web`, a worker and the scheduler, on a schema and
// Redis prefix of their own); without the page being reloaded, an order made in the sandbox
// appears, moves to shipped with its carrier and tracking number, and a burst of orders on a SKU
// with little stock raises its critical stock alert through the product's own reserve → reorder
// path. With CF_SCREENSHOTS_DIR set (relative to the repository root, e.g. `docs`), it saves a PNG
// of each panel and of the order's page there.

import Clients
import Domain
import Foundation
import Store
import Testing
import TestSupport

@Suite struct DashboardBrowserTests {
    /// Stock for the ordinary order, and for the SKU that goes viral: 14 units last 14 h at its
    /// usual 1 unit/h (a warning, no alert), and under an hour once 8 orders land in minutes.
    static let steadySku = "sku-1"
    static let viralSku = "sku-viral"
    static let viralStock = 14
    static let viralBurst = 8

    @Test func ordersShipAndAViralSkusAlertAppearWithoutAReload() async throws {
        let executor = ThreadExecutor(name: "dashboard-browser")
        defer { executor.shutdown() }
        try await withTaskExecutorPreference(executor) {
            try await TestDatabase.withSchema { database in
                try await exercise(database, executor: executor)
            }
        }
    }

    private func exercise(_ database: TestDatabase, executor: ThreadExecutor) async throws {
        let started = Date()
        let db = try database.migrated()
        let redis = try TestRedis()
        let port = try freePort()
        let sandbox = try SandboxProcess(["--webhook-url", "http://127.0.0.1:\(port)/webhooks/tiktok"])
        let env = [
            "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
            "CF_DATABASE_SCHEMA": database.schema, "CF_SANDBOX_URL": sandbox.baseURL, "TIKTOK_APP_KEY": "sandbox-app-key",
            "TIKTOK_APP_SECRET": "sandbox-app-secret", "TIKTOK_API_URL": "", "TIKTOK_AUTH_URL": "",
            "EASYPOST_WEBHOOK_SECRET": "sandbox-easypost-webhook-secret", "CF_TOKEN_KEY": TokenCipher.generateKey(),
            "CF_DASHBOARD_SECRET": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
            "CF_RETRY_BASE_S": "0.1", "CF_RETRY_EXPONENT": "1", "CF_RETRY_JITTER": "0", "CF_WORKER_PROMOTE_INTERVAL_S": "0.1",
        ]

        // The shop, connected as ops/onboard-sandbox does; stock; a day of the viral SKU's sales (six
        // orders of 4 units: 1 unit/h).
        let connect = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", try sandbox.authCode()], environment: env)
        try #require(connect.0 == 0, "shops connect: \(connect.1)")
        try db.execute(
            """
            INSERT INTO inventory (sku_id, on_hand, unit_cost_minor, product_id, warehouse_id)
            VALUES ($1, 500, 500, 'product-' || $1, 'wh-1'), ($2, $3, 500, 'product-' || $2, 'wh-1')
            """, [.string(Self.steadySku), .string(Self.viralSku), .int(Self.viralStock)])
        try db.execute(
            """
            WITH o AS (
                INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state, ordered_at, created_at, updated_at)
                SELECT 'history-' || h, s.id, 'DELIVERED', 'delivered', now() - make_interval(mins => 45 + 240 * h),
                       now() - make_interval(mins => 45 + 240 * h), now() - make_interval(mins => 45 + 240 * h)
                FROM shops s, generate_series(0, 5) h
                RETURNING id, ordered_at
            )
            INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at)
            SELECT id, $1, 4, 1999, 'USD', ordered_at FROM o
            """, [.string(Self.viralSku)])

        let fleet = Fleet(
            sandbox: sandbox,
            web: try Child(["web", "--port", "\(port)"], environment: env),
            worker: try Child(["worker"], environment: env.merging(["CF_WORKER_CONCURRENCY": "4"]) { $1 }),
            scheduler: try Child(["scheduler"], environment: env))
        defer { fleet.stop() }
        let web = "http://127.0.0.1:\(port)"
        try await until("creatorflow web is ready", timeout: 60, fleet) {
            (try? run("/usr/bin/curl", ["-sf", "--max-time", "2", web + "/readyz"]))?.0 == 0
        }
        let minted = try BuiltBinaries.creatorflow(["dashboard", "token", "--operator", "--ttl", "1h"], environment: env)
        let token = try #require(minted.1.firstMatch(of: /token=([A-Za-z0-9._-]+)/)?.output.1, "dashboard token: \(minted.1)")

        // The browser: the link sets the cookie and redirects to /dashboard, which goes live.
        let chromium = try Chromium()
        let page = try await chromium.newPage(executor: executor)
        let context = { "\(fleet.output)\nchromium: \(chromium.output)" }
        try await page.navigate("\(web)/dashboard?token=\(token)")
        #expect(try await page.evaluate("location.pathname") == .string("/dashboard"), "the token link redirects to /dashboard")
        #expect(try await page.evaluate("document.cookie") == .string(""), "the session cookie is HttpOnly")
        try await page.waitUntil(
            "the dashboard goes live", timeout: 30,
            "document.getElementById('connection').textContent === 'live' && window.cfDashboard.lastMessageAt > 0",
            state: Self.pageState, context: context)
        let marker = UUID().uuidString
        _ = try await page.evaluate(
            """
            window.cfBrowserTest = { marker: \(page.jsString(marker)), states: {} };
            const seen = () => document.querySelectorAll('#orders-rows tr[data-id]').forEach((tr) => {
              const states = (window.cfBrowserTest.states[tr.dataset.id] ||= []);
              const state = tr.querySelector('td[data-f=state]').textContent;
              if (states[states.length - 1] !== state) states.push(state);
            });
            new MutationObserver(seen).observe(document.getElementById('orders-rows'), { childList: true, subtree: true, characterData: true });
            true
            """)

        // An order made in the sandbox appears, then moves to shipped with its label.
        let created = try sandbox.post("/_sim/orders", #"{"count":1,"sku_id":"\#(Self.steadySku)"}"#)
        let tiktokId = try #require(created.firstMatch(of: /"ids":\["([^"]+)"/)?.output.1, "no order id in \(created)")
        let rowSelector = "#orders-rows tr:has(td[data-f=tiktok_order_id])"
        let findRow = "Array.from(document.querySelectorAll(\(page.jsString(rowSelector)))).find((tr) => tr.querySelector('td[data-f=tiktok_order_id]').textContent === \(page.jsString(String(tiktokId))))"
        try await page.waitUntil("order \(tiktokId) appears", timeout: 60, "!!\(findRow)", state: Self.pageState, context: context)
        let rowId = try #require(try await page.evaluate("\(findRow).dataset.id").string)
        try await page.waitUntil(
            "order \(tiktokId) (row \(rowId)) shows shipped with a carrier and tracking number", timeout: 90,
            """
            (() => { const tr = \(findRow); const f = (k) => tr.querySelector('td[data-f=' + k + ']').textContent;
              return f('state') === 'shipped' && f('carrier') !== '' && f('tracking_number') !== ''; })()
            """, state: Self.pageState, context: context)
        let label = try db.query(
            "SELECT s.carrier, s.tracking_number FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.tiktok_order_id = $1 AND s.status = 'purchased'",
            [.string(String(tiktokId))])
        try #require(label.count == 1, "one bought label for order \(tiktokId)")
        let shown = try await page.evaluate(
            "(() => { const tr = \(findRow); return ['carrier', 'tracking_number'].map((k) => tr.querySelector('td[data-f=' + k + ']').textContent).join(' '); })()")
        #expect(shown == .string("\(try label[0]["carrier", as: String.self]) \(try label[0]["tracking_number", as: String.self])"))
        let states = try await page.evaluate("JSON.stringify(window.cfBrowserTest.states[\(page.jsString(rowId))])").string ?? ""
        #expect(states.hasSuffix(#""shipped"]"#) && !states.hasPrefix(#"["shipped""#), "seen live on its way to shipped: \(states)")

        // A viral burst on a SKU with little stock: its critical alert appears, opened by the pipeline.
        _ = try sandbox.post("/_sim/orders", #"{"count":\#(Self.viralBurst),"sku_id":"\#(Self.viralSku)"}"#)
        let alertKey = "stock.critical:\(Self.viralSku)"
        try await page.waitUntil(
            "the critical stock alert \(alertKey) appears", timeout: 90,
            "Array.from(document.querySelectorAll('#alerts-rows li.alert.critical.open span[data-f=key]')).some((s) => s.textContent === \(page.jsString(alertKey)))",
            state: Self.pageState, context: context)
        let alert = try db.query("SELECT message FROM alerts WHERE key = $1 AND resolved_at IS NULL", [.string(alertKey)])
        #expect(alert.count == 1)
        #expect(try alert.first?["message", as: String.self].contains("its baseline") == true, "raised as a spike: \(alert)")
        try await page.waitUntil(
            "the stock panel marks \(Self.viralSku) VIRAL", timeout: 45,
            "(() => { const tr = document.querySelector('#stock-rows tr[data-id=\(Self.viralSku)]'); return !!tr && tr.querySelector('td[data-f=viral]').textContent === 'VIRAL'; })()",
            state: Self.pageState, context: context)
        try await page.waitUntil(
            "the health and fleet panels fill", timeout: 45,
            "document.querySelectorAll('#health-rows tr').length > 0 && Number(document.getElementById('fleet-workers').textContent) >= 1 && document.querySelectorAll('#queue-rows tr').length > 0",
            state: Self.pageState, context: context)
        #expect(try await page.evaluate("window.cfBrowserTest && window.cfBrowserTest.marker") == .string(marker), "the page was never reloaded")
        #expect(page.errors.isEmpty, "the page's errors: \(page.errors)")

        var screenshots: [(String, Data)] = []
        for panel in ["orders", "stock", "alerts", "health", "fleet"] {
            screenshots.append(("dashboard-\(panel).png", try await page.screenshot(of: "#\(panel)")))
        }
        // The order's own page: its timeline, from classify to tracking-sync.
        try await page.navigate("\(web)/dashboard/orders/\(rowId)")
        try await page.waitUntil(
            "the order's page shows its timeline", timeout: 30,
            "document.getElementById('order-state').textContent === 'shipped' && document.querySelectorAll('#timeline-rows tr').length >= 4",
            state: "document.body.innerText.slice(0, 2000)", context: context)
        screenshots.append(("dashboard-order.png", try await page.screenshot(of: "#order")))
        #expect(page.errors.isEmpty, "the page's errors: \(page.errors)")

        for (name, png) in screenshots {
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png.count > 2_000, "\(name) is a PNG")
        }
        if let directory = ProcessInfo.processInfo.environment["CF_SCREENSHOTS_DIR"], !directory.isEmpty {
            let base = directory.hasPrefix("/") ? URL(fileURLWithPath: directory) : repositoryRoot.appendingPathComponent(directory)
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            for (name, png) in screenshots { try png.write(to: base.appendingPathComponent(name)) }
        }
        #expect(Date().timeIntervalSince(started) < 120, "the whole run took \(Int(Date().timeIntervalSince(started))) s")
    }

    /// What the failure messages show of the dashboard: connection, seq, newest orders, alerts, stock.
    static let pageState = """
        JSON.stringify({
          connection: document.getElementById('connection').textContent, seq: window.cfDashboard && window.cfDashboard.seq,
          orders: Array.from(document.querySelectorAll('#orders-rows tr')).slice(0, 12).map((tr) => tr.innerText.replace(/\\s+/g, ' ')),
          alerts: Array.from(document.querySelectorAll('#alerts-rows li')).map((li) => li.className + ': ' + li.innerText),
          stock: Array.from(document.querySelectorAll('#stock-rows tr')).map((tr) => tr.innerText.replace(/\\s+/g, ' ')),
          health: document.querySelectorAll('#health-rows tr').length, workers: (document.getElementById('fleet-workers') || {}).textContent })
        """

    /// Polls `condition` every 200 ms for up to `timeout` seconds without blocking a thread; fails
    /// with the fleet's output.
    private func until(_ what: String, timeout: Double, _ fleet: Fleet, _ condition: () throws -> Bool) async throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestEnvironmentError("\(what): not within \(Int(timeout)) s\n\(fleet.output)")
    }
}

/// The processes of one dashboard test.
private struct Fleet {
    let sandbox: SandboxProcess
    let web: Child
    let worker: Child
    let scheduler: Child

    func stop() {
        [scheduler, worker, web].forEach { $0.signal(SIGTERM) }
        [scheduler, worker, web].forEach { $0.stop(grace: 20) }
    }

    /// The end of each process's output, for failure messages.
    var output: String {
        [("web", web.output), ("worker", worker.output), ("scheduler", scheduler.output), ("sandbox", sandbox.child.output)]
            .map { "--- \($0.0):\n\($0.1.suffix(2500))" }.joined(separator: "\n")
    }
}
