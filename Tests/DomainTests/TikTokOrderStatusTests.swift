import Domain
import Testing

@Suite struct TikTokOrderStatusTests {
    @Test func parsesEveryDocumentedStatus() {
        let names = [
            "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT",
            "DELIVERED", "COMPLETED", "CANCELLED",
        ]
        #expect(names.compactMap(TikTokOrderStatus.init(rawValue:)).count == names.count)
        #expect(TikTokOrderStatus(rawValue: "REFUNDED") == nil)
    }

    @Test func onlyAwaitingShipmentNotOnHoldIsFulfilled() {
        for status in TikTokOrderStatus.allCases {
            #expect(status.isFulfillable(isOnHold: false) == (status == .awaitingShipment), "\(status)")
            #expect(!status.isFulfillable(isOnHold: true), "\(status)")
        }
    }

    @Test func mapsOntoCreatorFlowStates() {
        #expect(TikTokOrderStatus.unpaid.orderState(isOnHold: false) == .awaiting)
        #expect(TikTokOrderStatus.onHold.orderState(isOnHold: false) == .awaiting)
        #expect(TikTokOrderStatus.awaitingShipment.orderState(isOnHold: false) == .classified)
        #expect(TikTokOrderStatus.awaitingShipment.orderState(isOnHold: true) == .awaiting)
        #expect(TikTokOrderStatus.partiallyShipping.orderState(isOnHold: false) == .shipped)
        #expect(TikTokOrderStatus.awaitingCollection.orderState(isOnHold: false) == .shipped)
        #expect(TikTokOrderStatus.inTransit.orderState(isOnHold: false) == .shipped)
        #expect(TikTokOrderStatus.delivered.orderState(isOnHold: false) == .delivered)
        #expect(TikTokOrderStatus.completed.orderState(isOnHold: false) == .delivered)
        #expect(TikTokOrderStatus.cancelled.orderState(isOnHold: true) == .cancelled)
    }

    @Test func onlyConfirmsAStateReachedAfterShipping() {
        #expect(TikTokOrderStatus.awaitingCollection.onlyConfirms(.shipped))
        #expect(TikTokOrderStatus.inTransit.onlyConfirms(.shipped))
        #expect(TikTokOrderStatus.completed.onlyConfirms(.delivered))
        #expect(!TikTokOrderStatus.awaitingCollection.onlyConfirms(.labelled), "news: TikTok saw it ship first")
        #expect(!TikTokOrderStatus.delivered.onlyConfirms(.shipped), "news: delivered")
        #expect(!TikTokOrderStatus.cancelled.onlyConfirms(.cancelled), "before shipping TikTok is fetched")
        #expect(!TikTokOrderStatus.awaitingShipment.onlyConfirms(.classified))
        for local in OrderState.allCases where !local.hasShipped {
            for status in TikTokOrderStatus.allCases {
                #expect(!status.onlyConfirms(local), "\(status) on a \(local) order")
            }
        }
    }
}
