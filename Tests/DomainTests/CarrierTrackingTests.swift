import Domain
import Testing

@Suite struct CarrierTrackingTests {
    @Test func onlyDeliveredMovesAndOnlyAShippedOrder() {
        #expect(CarrierTracking.target(carrierStatus: "delivered", from: .shipped) == .delivered)
        #expect(CarrierTracking.target(carrierStatus: "in_transit", from: .shipped) == nil)
        #expect(CarrierTracking.target(carrierStatus: nil, from: .shipped) == nil)
        #expect(CarrierTracking.target(carrierStatus: "delivered", from: .delivered) == nil, "no self-transition")
        for state in OrderState.allCases where state != .shipped {
            #expect(CarrierTracking.target(carrierStatus: "delivered", from: state) == nil, "\(state)")
        }
    }
}
