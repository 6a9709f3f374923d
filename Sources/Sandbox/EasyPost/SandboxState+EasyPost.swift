// EasyPost in the sandbox: shipments priced deterministically from weight and zone for USPS,
// UPS and FedEx; a shipment created again with the same `reference` is returned, not duplicated;
// buying twice is refused with SHIPMENT.POSTAGE.EXISTS; trackers advance on command.

import Foundation

/// An EasyPost refusal: status, code, message.
struct EasyPostRefusal: Error {
    let status: Int
    let code: String
    let message: String
}

extension SandboxState {
    /// Creates (or, for a known reference, returns) a shipment; `created` is false for a replay.
    func createShipment(_ body: SimJSON?) -> Result<(shipment: SimJSON, created: Bool), EasyPostRefusal> {
        guard let input = body?["shipment"], let to = input["to_address"], let from = input["from_address"],
            let parcel = input["parcel"]
        else {
            return .failure(EasyPostRefusal(status: 422, code: "PARAMETER.REQUIRED", message: "Missing required parameter."))
        }
        let reference = input["reference"]?.string
        if let reference, let existing = shipmentsByReference[reference], let shipment = shipments[existing] {
            return .success((shipmentJSON(shipment), false))
        }
        let id = nextId("shp_")
        let ounces = max(1, parcel["weight"]?.double ?? 16)
        let zone = Self.zone(from: from["zip"]?.string, to: to["zip"]?.string)
        let base = Int((ounces / 16).rounded(.up))
        let offers: [(String, String, Int, Int)] = [
            ("USPS", "GroundAdvantage", 450 + 85 * base + 40 * zone, 3 + zone / 3),
            ("USPS", "Priority", 795 + 110 * base + 55 * zone, 2),
            ("UPS", "Ground", 899 + 95 * base + 60 * zone, 3 + zone / 4),
            ("FedEx", "FEDEX_GROUND", 925 + 90 * base + 62 * zone, 3 + zone / 4),
        ]
        let rates = offers.map {
            SimRate(id: nextId("rate_"), carrier: $0.0, service: $0.1, cents: $0.2, days: $0.3, shipmentId: id)
        }
        let shipment = SimShipment(
            id: id, reference: reference, toAddress: to, fromAddress: from, parcel: parcel, rates: rates, createdAt: unixNow)
        shipments[id] = shipment
        for rate in rates { rateCarriers[rate.id] = rate.carrier }
        if let reference { shipmentsByReference[reference] = id }
        return .success((shipmentJSON(shipment), true))
    }

    /// A shipment's JSON, or `nil`.
    func shipment(id: String) -> SimJSON? { shipments[id].map(shipmentJSON) }

    /// The carrier of a rate id (fault rules match by carrier).
    func carrier(rateId: String) -> String? { rateCarriers[rateId] }

    /// Buys a label once; a second buy is refused.
    func buy(shipmentId: String, body: SimJSON?) -> Result<SimJSON, EasyPostRefusal> {
        guard var shipment = shipments[shipmentId] else {
            return .failure(EasyPostRefusal(status: 404, code: "NOT_FOUND", message: "The requested resource could not be found."))
        }
        guard shipment.selectedRateId == nil else {
            return .failure(
                EasyPostRefusal(status: 422, code: "SHIPMENT.POSTAGE.EXISTS", message: "Shipment already has postage."))
        }
        guard let rateId = body?["rate"]?["id"]?.string, let rate = shipment.rates.first(where: { $0.id == rateId }) else {
            return .failure(EasyPostRefusal(status: 422, code: "SHIPMENT.RATE.INVALID", message: "Rate is not valid for this shipment."))
        }
        let code = "EZ" + String(format: "%010d", counter + 1) + rate.carrier.prefix(1)
        let tracker = SimTracker(
            id: nextId("trk_"), trackingCode: code, carrier: rate.carrier, shipmentId: shipment.id, status: "unknown",
            details: [])
        trackers[code] = tracker
        shipment.selectedRateId = rate.id
        shipment.trackingCode = code
        shipment.labelId = nextId("pl_")
        shipment.trackerId = tracker.id
        shipments[shipmentId] = shipment
        return .success(shipmentJSON(shipment))
    }

    /// Submits a refund for a bought label.
    func refund(shipmentId: String) -> Result<SimJSON, EasyPostRefusal> {
        guard var shipment = shipments[shipmentId] else {
            return .failure(EasyPostRefusal(status: 404, code: "NOT_FOUND", message: "The requested resource could not be found."))
        }
        guard shipment.selectedRateId != nil else {
            return .failure(EasyPostRefusal(status: 422, code: "SHIPMENT.REFUND.UNAVAILABLE", message: "Shipment has no postage."))
        }
        shipment.refundStatus = "submitted"
        shipments[shipmentId] = shipment
        return .success(shipmentJSON(shipment))
    }

    /// Creates (or returns) a tracker for a code.
    func createTracker(code: String, carrier: String) -> SimJSON {
        if let existing = trackers[code] { return existing.json }
        let tracker = SimTracker(
            id: nextId("trk_"), trackingCode: code, carrier: carrier, shipmentId: nil, status: "pre_transit", details: [])
        trackers[code] = tracker
        return tracker.json
    }

    /// A tracker by id or tracking code.
    func tracker(idOrCode: String) -> SimTracker? {
        trackers[idOrCode] ?? trackers.values.first { $0.id == idOrCode }
    }

    /// Moves a tracker one status on and returns its event webhooks (`nil` if unknown).
    func advanceTracker(code: String) -> (SimJSON, [OutboundWebhook])? {
        guard var tracker = trackers[code] else { return nil }
        let previous = tracker.status
        let steps = SimTracker.progression
        let index = steps.firstIndex(of: previous) ?? 0
        tracker.status = steps[min(index + 1, steps.count - 1)]
        tracker.details.append([
            "object": "TrackingDetail", "status": .string(tracker.status), "status_detail": "status_update",
            "message": .string("Sandbox: \(tracker.status)"), "datetime": .string(ISO8601DateFormatter().string(from: now())),
            "source": .string(tracker.carrier),
            "tracking_location": ["city": "SAN FRANCISCO", "state": "CA", "zip": "94103", "country": "US"],
        ])
        trackers[code] = tracker
        return (tracker.json, easyPostWebhook(tracker: tracker, previousStatus: previous))
    }

    private func shipmentJSON(_ shipment: SimShipment) -> SimJSON {
        let selected = shipment.rates.first { $0.id == shipment.selectedRateId }
        let label: SimJSON =
            shipment.labelId.map { id in
                [
                    "id": .string(id), "object": "PostageLabel",
                    "label_url": .string("http://\(configuration.host):\(boundPort ?? configuration.port)/labels/\(id).png"),
                    "label_file_type": "image/png", "label_size": "4x6", "label_resolution": 300,
                ]
            } ?? .null
        return [
            "id": .string(shipment.id), "object": "Shipment", "mode": "test",
            "reference": shipment.reference.map { .string($0) } ?? .null, "to_address": shipment.toAddress,
            "from_address": shipment.fromAddress, "parcel": shipment.parcel, "rates": .array(shipment.rates.map(\.json)),
            "messages": [], "selected_rate": selected?.json ?? .null,
            "tracking_code": shipment.trackingCode.map { .string($0) } ?? .null, "postage_label": label,
            "tracker": shipment.trackingCode.flatMap { trackers[$0]?.json } ?? .null,
            "refund_status": shipment.refundStatus.map { .string($0) } ?? .null,
        ]
    }

    /// A 0–8 zone from the first digits of the ZIP codes.
    private static func zone(from: String?, to: String?) -> Int {
        let a = from.flatMap { Int($0.prefix(1)) } ?? 0
        let b = to.flatMap { Int($0.prefix(1)) } ?? 0
        return min(8, abs(a - b))
    }
}
