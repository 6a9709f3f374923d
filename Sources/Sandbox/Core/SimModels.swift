// The sandbox's records. They render themselves in the real APIs' JSON shapes.

import Foundation

/// A shop as Get Authorized Shops shows it.
struct SimShop: Sendable {
    let id: String
    let name: String
    let region: String
    let sellerType: String
    let cipher: String
    let code: String

    var json: SimJSON {
        [
            "id": .string(id), "name": .string(name), "region": .string(region), "seller_type": .string(sellerType),
            "cipher": .string(cipher), "code": .string(code),
        ]
    }
}

/// An issued access or refresh token.
struct SimToken: Sendable {
    let access: String
    let refresh: String
    let accessExpiresAt: Int64
    let refreshExpiresAt: Int64
    var revoked = false
}

/// One unit of an order.
struct SimLineItem: Sendable {
    let id: String
    let skuId: String
    let productId: String
    let salePrice: String
    var packageId: String?
    var trackingNumber: String?
}

/// A package created by mark-as-shipped.
struct SimPackage: Sendable {
    let id: String
    var trackingNumber: String
    var shippingProviderId: String
    let lineItemIds: [String]
}

/// A TikTok order.
struct SimOrder: Sendable {
    let id: String
    var status: String
    let createTime: Int64
    var updateTime: Int64
    var lineItems: [SimLineItem]
    var packages: [SimPackage] = []
    var isOnHold = false
    var addressVersion = 1

    /// The buyer: one of 1,000 sandbox buyers, derived from the order id, so buyers come back.
    var buyerId: String { "74940000000" + String(format: "%08d", (UInt64(id) ?? 0) % 1_000) }

    /// The Get Order Detail shape (one line item per unit).
    var json: SimJSON {
        let provider = packages.last
        return [
            "id": .string(id), "status": .string(status), "create_time": .int(createTime), "update_time": .int(updateTime),
            "paid_time": .int(createTime), "is_on_hold_order": .bool(isOnHold), "is_sample_order": false,
            "shipping_type": "SELLER", "fulfillment_type": "FULFILLMENT_BY_SELLER", "delivery_type": "HOME_DELIVERY",
            "warehouse_id": "7068517275539719942",
            "tracking_number": provider.map { .string($0.trackingNumber) } ?? .null,
            "shipping_provider_id": provider.map { .string($0.shippingProviderId) } ?? .null,
            "packages": .array(packages.map { ["id": .string($0.id)] }), "user_id": .string(buyerId),
            "payment": [
                "currency": "USD", "sub_total": .string(Self.total(lineItems)), "shipping_fee": "0.00", "tax": "0.00",
                "total_amount": .string(Self.total(lineItems)),
            ],
            "recipient_address": [
                "name": "Sam Buyer", "phone_number": "(+1)555***0100",
                "full_address": .string("\(addressVersion) Market St, San Francisco, CA 94103"),
                "address_line1": .string("\(addressVersion) Market St"), "address_line2": "", "postal_code": "94103",
                "region_code": "US",
                "district_info": [
                    ["address_level": "L0", "address_level_name": "Country", "address_name": "United States"],
                    ["address_level": "L1", "address_level_name": "State", "address_name": "California"],
                    ["address_level": "L3", "address_level_name": "City", "address_name": "San Francisco"],
                ],
            ],
            "line_items": .array(
                lineItems.map { item in
                    [
                        "id": .string(item.id), "sku_id": .string(item.skuId), "product_id": .string(item.productId),
                        "seller_sku": .string("SELLER-\(item.skuId)"), "product_name": "Sandbox product",
                        "sku_name": "Default", "sale_price": .string(item.salePrice), "original_price": .string(item.salePrice),
                        "currency": "USD", "display_status": .string(status),
                        "package_id": item.packageId.map { .string($0) } ?? .null,
                        "tracking_number": item.trackingNumber.map { .string($0) } ?? .null, "is_gift": false,
                    ]
                }),
        ]
    }

    private static func total(_ items: [SimLineItem]) -> String {
        let cents = items.reduce(0) { $0 + (Int(($1.salePrice.replacingOccurrences(of: ".", with: ""))) ?? 0) }
        return "\(cents / 100).\(String(format: "%02d", cents % 100))"
    }
}

/// An EasyPost shipment.
struct SimShipment: Sendable {
    let id: String
    let reference: String?
    let toAddress: SimJSON
    let fromAddress: SimJSON
    let parcel: SimJSON
    let rates: [SimRate]
    var selectedRateId: String?
    var trackingCode: String?
    var labelId: String?
    var trackerId: String?
    var refundStatus: String?
    let createdAt: Int64
}

/// One carrier's rate for a shipment.
struct SimRate: Sendable {
    let id: String
    let carrier: String
    let service: String
    let cents: Int
    let days: Int
    let shipmentId: String

    var json: SimJSON {
        [
            "id": .string(id), "object": "Rate", "carrier": .string(carrier), "service": .string(service),
            "rate": .string(Self.decimal(cents)), "currency": "USD", "list_rate": .string(Self.decimal(cents + cents / 10)),
            "retail_rate": .string(Self.decimal(cents + cents / 4)), "delivery_days": .int(Int64(days)),
            "est_delivery_days": .int(Int64(days)), "delivery_date": nil, "delivery_date_guaranteed": false,
            "carrier_account_id": .string("ca_sandbox_\(carrier.lowercased())"), "shipment_id": .string(shipmentId),
            "billing_type": "easypost",
        ]
    }

    static func decimal(_ cents: Int) -> String { "\(cents / 100).\(String(format: "%02d", cents % 100))" }
}

/// An EasyPost tracker.
struct SimTracker: Sendable {
    let id: String
    let trackingCode: String
    let carrier: String
    let shipmentId: String?
    var status: String
    var details: [SimJSON]

    static let progression = ["unknown", "pre_transit", "in_transit", "out_for_delivery", "delivered"]

    var json: SimJSON {
        [
            "id": .string(id), "object": "Tracker", "mode": "test", "tracking_code": .string(trackingCode),
            "status": .string(status), "status_detail": .string(status == "unknown" ? "unknown" : "status_update"),
            "carrier": .string(carrier), "shipment_id": shipmentId.map { .string($0) } ?? .null,
            "public_url": .string("https://track.easypost.com/djE6\(id)"), "finalized": .bool(status == "delivered"),
            "tracking_details": .array(details), "est_delivery_date": nil,
        ]
    }
}
