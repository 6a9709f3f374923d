// Each transport fault kind and the client's exact reaction to it.

import Clients
import Foundation
import Sandbox
import Testing

@Suite struct FaultReactionTests {
    @Test func throttleWithRetryAfterIsWaitedThenRetried() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            try await sandbox.fault(#"{"kind":"throttle","path":"/logistics/*","retry_after":2,"count":1}"#)
            let configuration = sandbox.tiktok
            let sleeps = RecordedSleeps()
            let warehouses = try await onThread {
                try TikTokShopClient(configuration: configuration, sleep: sleeps.sleep).warehouses(shop: shop)
            }
            #expect(warehouses.count == 1)
            #expect(sleeps.waits == [.seconds(2)])
            #expect(try await sandbox.requestCount("GET", "/logistics/202309/warehouses") == 2)
        }
    }

    @Test func throttleWithoutRetryAfterBacksOffWithJitter() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            try await sandbox.fault(#"{"kind":"throttle","path":"/logistics/*","count":2}"#)
            let configuration = sandbox.tiktok
            let sleeps = RecordedSleeps()
            let policy = CallRetryPolicy.exponentialJitter(maxAttempts: 2, baseDelay: .milliseconds(100))
            let outcome = try await onThread {
                Result { try TikTokShopClient(configuration: configuration, retry: policy, sleep: sleeps.sleep).warehouses(shop: shop) }
            }
            let error = try #require(outcome.failureError as? TikTokAPIError)
            #expect(error.status == 429 && error.isRetryable && error.retryAfter == nil)
            #expect(sleeps.waits.count == 1 && sleeps.waits[0] <= .milliseconds(100))
        }
    }

    @Test func serverErrorsAreRetriedAndClientErrorsAreNot() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"server_error","status":503,"path":"/supplier/*","count":1}"#)
            let configuration = sandbox.supplier
            let sleeps = RecordedSleeps()
            let (order, missing) = try await onThread {
                let client = try SupplierClient(configuration: configuration, sleep: sleeps.sleep)
                let order = try client.createPurchaseOrder(
                    PurchaseOrderRequest(skuId: "sku-1", quantity: 10, unitCost: "4.20"), idempotencyKey: "k-1")
                return (order, Result { try client.purchaseOrder(id: "po_missing") })
            }
            #expect(order.quantity == 10 && sleeps.waits.count == 1)
            let error = try #require(missing.failureError as? EasyPostAPIError)
            #expect(error.status == 404 && !error.isRetryable && sleeps.waits.count == 1)
        }
    }

    @Test func timeoutIsRetryable() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"timeout","path":"/v2/shipments/*","delay_ms":5000,"count":1}"#)
            let base = sandbox.baseURL
            let error = try await onThread { () -> HTTPClientError? in
                let http = try HTTPClient(configuration: HTTPClientConfiguration(totalTimeout: .milliseconds(300)))
                do {
                    _ = try http.perform(HTTPRequest(method: .get, url: base + "/v2/shipments/shp_1"))
                    return nil
                } catch let error as HTTPClientError {
                    return error
                }
            }
            #expect(error?.kind == .timeout && error?.isRetryable == true)
        }
    }

    @Test func refusedConnectionIsRetryable() async throws {
        let error = try await onThread { () -> HTTPClientError? in
            do {
                _ = try HTTPClient().perform(HTTPRequest(method: .get, url: "http://127.0.0.1:1/"))
                return nil
            } catch let error as HTTPClientError {
                return error
            }
        }
        #expect(error?.kind == .connection && error?.isRetryable == true)
    }

    @Test func latencyDelaysButSucceeds() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"latency","path":"/supplier/*","delay_ms":300,"count":1}"#)
            let configuration = sandbox.supplier
            let elapsed = try await onThread {
                let start = Date()
                _ = try SupplierClient(configuration: configuration, retry: .never).createPurchaseOrder(
                    PurchaseOrderRequest(skuId: "s", quantity: 1, unitCost: "1.00"), idempotencyKey: "lat")
                return Date().timeIntervalSince(start)
            }
            #expect(elapsed >= 0.3)
        }
    }

    @Test func lostResponseOnPurchaseOrderReturnsTheOneOrder() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"lost_response","path":"/supplier/v1/purchase_orders","count":1}"#)
            let configuration = sandbox.supplier
            let sleeps = RecordedSleeps()
            let order = try await onThread {
                try SupplierClient(configuration: configuration, sleep: sleeps.sleep).createPurchaseOrder(
                    PurchaseOrderRequest(skuId: "s", quantity: 2, unitCost: "1.00"), idempotencyKey: "po-key")
            }
            let again = try await onThread {
                try SupplierClient(configuration: configuration).createPurchaseOrder(
                    PurchaseOrderRequest(skuId: "s", quantity: 2, unitCost: "1.00"), idempotencyKey: "po-key")
            }
            #expect(order.id == again.id && sleeps.waits.count == 1)
            let reused = try await onThread {
                Result {
                    try SupplierClient(configuration: configuration).createPurchaseOrder(
                        PurchaseOrderRequest(skuId: "s", quantity: 3, unitCost: "1.00"), idempotencyKey: "po-key")
                }
            }
            #expect((reused.failureError as? EasyPostAPIError)?.code == "IDEMPOTENCY_KEY_REUSED")
        }
    }
}
