// The TikTok Shop shapes the clients read and write (external-apis.md §1 and §3). Decoding is
// lenient: fields the API may omit are optional, unknown fields are ignored.

import Foundation

/// One shop from `GET /authorization/202309/shops`.
public struct AuthorizedShop: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var sellerType: String?
    public var cipher: String
    public var code: String?

    public init(id: String, name: String, region: String, sellerType: String? = nil, cipher: String, code: String? = nil) {
        self.id = id
        self.name = name
        self.region = region
        self.sellerType = sellerType
        self.cipher = cipher
        self.code = code
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, region, sellerType = "seller_type", cipher, code
    }
}

/// An order from Get Order Detail or Get Order List. There is no quantity: one line item per unit.
public struct TikTokOrder: Sendable, Codable, Equatable {
    public var id: String
    public var status: String
    public var createTime: Int64?
    public var updateTime: Int64?
    public var isOnHoldOrder: Bool?
    public var shippingType: String?
    public var shippingProviderId: String?
    public var trackingNumber: String?
    public var packages: [TikTokPackageRef]?
    public var lineItems: [TikTokLineItem]
    public var recipientAddress: TikTokAddress?
    public var payment: TikTokPayment?
    /// The buyer's TikTok user id (customer history and tier).
    public var userId: String?

    /// Units per SKU, counting one per line item.
    public var unitsBySKU: [String: Int] {
        lineItems.reduce(into: [:]) { $0[$1.skuId, default: 0] += 1 }
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, createTime = "create_time", updateTime = "update_time", isOnHoldOrder = "is_on_hold_order"
        case shippingType = "shipping_type", shippingProviderId = "shipping_provider_id"
        case trackingNumber = "tracking_number", packages, lineItems = "line_items"
        case recipientAddress = "recipient_address", payment, userId = "user_id"
    }
}

/// A package reference on an order.
public struct TikTokPackageRef: Sendable, Codable, Equatable {
    public var id: String
}

/// One unit of an order.
public struct TikTokLineItem: Sendable, Codable, Equatable {
    public var id: String
    public var skuId: String
    public var sellerSku: String?
    public var productId: String?
    public var productName: String?
    public var salePrice: String?
    public var currency: String?
    public var displayStatus: String?
    public var packageId: String?
    public var trackingNumber: String?

    private enum CodingKeys: String, CodingKey {
        case id, skuId = "sku_id", sellerSku = "seller_sku", productId = "product_id", productName = "product_name"
        case salePrice = "sale_price", currency, displayStatus = "display_status", packageId = "package_id"
        case trackingNumber = "tracking_number"
    }
}

/// A recipient address; never logged.
public struct TikTokAddress: Sendable, Codable, Equatable {
    public var name: String?
    public var phoneNumber: String?
    public var fullAddress: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var postalCode: String?
    public var regionCode: String?
    public var districtInfo: [TikTokDistrict]?

    private enum CodingKeys: String, CodingKey {
        case name, phoneNumber = "phone_number", fullAddress = "full_address", addressLine1 = "address_line1"
        case addressLine2 = "address_line2", postalCode = "postal_code", regionCode = "region_code"
        case districtInfo = "district_info"
    }
}

/// One level of an address (L1 = state, L2/L3 = county/city).
public struct TikTokDistrict: Sendable, Codable, Equatable {
    public var addressLevel: String?
    public var addressLevelName: String?
    public var addressName: String?

    private enum CodingKeys: String, CodingKey {
        case addressLevel = "address_level", addressLevelName = "address_level_name", addressName = "address_name"
    }
}

/// An order's money, as decimal strings.
public struct TikTokPayment: Sendable, Codable, Equatable {
    public var currency: String?
    public var subTotal: String?
    public var shippingFee: String?
    public var totalAmount: String?
    public var tax: String?

    private enum CodingKeys: String, CodingKey {
        case currency, subTotal = "sub_total", shippingFee = "shipping_fee", totalAmount = "total_amount", tax
    }
}

/// One page of Get Order List.
public struct OrderSearchPage: Sendable, Codable, Equatable {
    public var orders: [TikTokOrder]
    public var nextPageToken: String?
    public var totalCount: Int?

    private enum CodingKeys: String, CodingKey {
        case orders, nextPageToken = "next_page_token", totalCount = "total_count"
    }
}

/// The body filters of Get Order List; `nil` fields are left out.
public struct OrderSearchFilter: Sendable, Codable, Equatable {
    public var orderStatus: String?
    public var createTimeGe: Int64?
    public var createTimeLt: Int64?
    public var updateTimeGe: Int64?
    public var updateTimeLt: Int64?
    public var shippingType: String?

    public init(
        orderStatus: String? = nil, createTimeGe: Int64? = nil, createTimeLt: Int64? = nil, updateTimeGe: Int64? = nil,
        updateTimeLt: Int64? = nil, shippingType: String? = nil
    ) {
        self.orderStatus = orderStatus
        self.createTimeGe = createTimeGe
        self.createTimeLt = createTimeLt
        self.updateTimeGe = updateTimeGe
        self.updateTimeLt = updateTimeLt
        self.shippingType = shippingType
    }

    private enum CodingKeys: String, CodingKey {
        case orderStatus = "order_status", createTimeGe = "create_time_ge", createTimeLt = "create_time_lt"
        case updateTimeGe = "update_time_ge", updateTimeLt = "update_time_lt", shippingType = "shipping_type"
    }
}

/// The answer to mark-package-shipped.
public struct ShippedPackage: Sendable, Codable, Equatable {
    public var orderId: String
    public var packageId: String
    public var orderLineItemIds: [String]?
    public var warning: Warning?

    /// A non-fatal note from TikTok.
    public struct Warning: Sendable, Codable, Equatable {
        public var message: String?
    }

    private enum CodingKeys: String, CodingKey {
        case orderId = "order_id", packageId = "package_id", orderLineItemIds = "order_line_item_ids", warning
    }
}

/// A carrier TikTok knows, with its id for shipping calls.
public struct ShippingProvider: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
}

/// A seller warehouse.
public struct Warehouse: Sendable, Codable, Equatable {
    public var id: String
    public var name: String?
    public var type: String?
    public var isDefault: Bool?

    private enum CodingKeys: String, CodingKey {
        case id, name, type, isDefault = "is_default"
    }
}

/// A delivery option of a warehouse.
public struct DeliveryOption: Sendable, Codable, Equatable {
    public var id: String
    public var name: String?
}
