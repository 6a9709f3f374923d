// The EasyPost client against the sandbox: rates as exact decimals, one label per shipment even
// after a lost response, refunds, trackers and signed tracker events.

import Clients
import Foundation
import Sandbox
import Testing

@Suite struct EasyPostContractTests {
    static let request = ShipmentRequest(
        toAddress: PostalAddress(name: "Sam", street1: "1 Market St", city: "San Francisco", state: "CA", zip: "94103"),
        fromAddress: PostalAddress(name: "Warehouse", street1: "5 Main St", city: "Newark", state: "NJ", zip: "07102"),
        parcel: Parcel(length: 10, width: 8, height: 4, weight: 15.4), reference: "order-1")

    @Test func ratesBuyRefundAndTrack() async throws {
        try await SandboxFixture.with { sandbox in
            let configuration = sandbox.easyPost
            let (shipment, bought, refunded, tracker) = try await onThread {
                let client = try EasyPostClient(configuration: configuration, retry: .never)
                let shipment = try client.createShipment(Self.request)
                let rate = try #require(shipment.cheapestRate(carrier: "USPS"))
                let bought = try client.buy(shipmentId: shipment.id, rate: rate)
                let refunded = try client.refund(shipmentId: shipment.id)
                let tracker = try client.tracker(id: bought.trackingCode ?? "")
                return (shipment, bought, refunded, tracker)
            }
            #expect(Set(shipment.rates.map(\.carrier)) == ["USPS", "UPS", "FedEx"])
            #expect(shipment.rates.allSatisfy { $0.amount != nil })
            let cheapest = try #require(shipment.cheapestRate(carrier: "USPS"))
            #expect(cheapest.amount == MoneyAmount(decimal: cheapest.rate, currency: "USD"))
            #expect(bought.isPurchased && bought.selectedRate?.id == cheapest.id)
            #expect(bought.postageLabel?.labelUrl?.hasPrefix(sandbox.baseURL) == true)
            #expect(refunded.refundStatus == "submitted")
            #expect(tracker.status == "unknown")
            let advanced = try await sandbox.control("POST", "/_sim/trackers/\(bought.trackingCode ?? "")/advance")
            #expect(advanced["status"]?.string == "pre_transit")
        }
    }

    @Test func labelIsBoughtOnceAfterALostResponse() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"lost_response","method":"POST","path":"/v2/shipments/*/buy","count":1}"#)
            let configuration = sandbox.easyPost
            let sleeps = RecordedSleeps()
            let (first, second) = try await onThread {
                let client = try EasyPostClient(configuration: configuration, sleep: sleeps.sleep)
                let shipment = try client.createShipment(Self.request)
                let rate = try #require(shipment.cheapestRate())
                let first = try client.buy(shipmentId: shipment.id, rate: rate)
                // The job is retried from scratch: same reference, same shipment, same label.
                let again = try client.createShipment(Self.request)
                let second = try client.buy(shipmentId: again.id, rate: rate)
                return (first, second)
            }
            #expect(first.isPurchased && first.trackingCode == second.trackingCode && first.id == second.id)
            #expect(try await sandbox.requestCount("POST", "/v2/shipments/\(first.id)/buy") == 3)
        }
    }

    @Test func faultsMatchByCarrier() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.fault(#"{"kind":"server_error","status":502,"carrier":"UPS","path":"/v2/*"}"#)
            let configuration = sandbox.easyPost
            let (ups, usps) = try await onThread {
                let client = try EasyPostClient(configuration: configuration, retry: .never)
                let a = try client.createShipment(Self.request)
                var other = Self.request
                other.reference = "order-2"
                let b = try client.createShipment(other)
                return (
                    Result { try client.buy(shipmentId: a.id, rate: a.cheapestRate(carrier: "UPS")!) },
                    Result { try client.buy(shipmentId: b.id, rate: b.cheapestRate(carrier: "USPS")!) }
                )
            }
            #expect((ups.failureError as? EasyPostAPIError)?.status == 502)
            #expect((try? usps.get())?.isPurchased == true)
        }
    }

    @Test func wrongKeyIsPermanent() async throws {
        try await SandboxFixture.with { sandbox in
            let configuration = EasyPostConfiguration(apiKey: "wrong", baseURL: sandbox.easyPost.baseURL)
            let outcome = try await onThread {
                Result { try EasyPostClient(configuration: configuration).createShipment(Self.request) }
            }
            let error = try #require(outcome.failureError as? EasyPostAPIError)
            #expect(error.status == 401 && error.code == "APIKEY.INVALID" && !error.isRetryable)
        }
    }
}
