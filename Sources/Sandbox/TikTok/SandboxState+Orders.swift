// Orders in the sandbox: creation (one line item per unit), detail, search, shipping and the
// status transitions the control API drives. Each change returns the webhooks it causes.

import Foundation

extension SandboxState {
    /// Creates `count` orders of `quantity` units of `skuId` and returns them with their webhooks.
    func createOrders(count: Int, skuId: String, quantity: Int, status: String) -> (ids: [String], webhooks: [SimJSON]) {
        var ids: [String] = []
        var events: [SimJSON] = []
        for _ in 0..<count {
            let id = nextNumericId()
            let items = (0..<max(1, quantity)).map { _ in
                SimLineItem(id: nextNumericId(), skuId: skuId, productId: "product-\(skuId)", salePrice: "19.99")
            }
            let order = SimOrder(id: id, status: status, createTime: unixNow, updateTime: unixNow, lineItems: items)
            orders[id] = order
            orderSequence.append(id)
            ids.append(id)
            events.append(orderStatusEvent(order))
        }
        return (ids, events)
    }

    /// The Get Order Detail `data` for `ids` (unknown ids are skipped).
    func orderDetail(ids: [String]) -> SimJSON {
        ["orders": .array(ids.compactMap { orders[$0]?.json })]
    }

    /// One page of Get Order List: filters by status and times, pages by an index token.
    func searchOrders(filter: SimJSON?, pageSize: Int, pageToken: String?) -> SimJSON {
        let matching = orderSequence.compactMap { orders[$0] }.filter { order in
            if let status = filter?["order_status"]?.string, order.status != status { return false }
            if let ge = filter?["create_time_ge"]?.int, order.createTime < ge { return false }
            if let lt = filter?["create_time_lt"]?.int, order.createTime >= lt { return false }
            if let ge = filter?["update_time_ge"]?.int, order.updateTime < ge { return false }
            if let lt = filter?["update_time_lt"]?.int, order.updateTime >= lt { return false }
            return true
        }
        let start = pageToken.flatMap { Int($0) } ?? 0
        let end = min(matching.count, start + max(1, min(pageSize, 100)))
        let page = start < end ? Array(matching[start..<end]) : []
        return [
            "orders": .array(page.map(\.json)), "total_count": .int(Int64(matching.count)),
            "next_page_token": end < matching.count ? .string(String(end)) : "",
        ]
    }

    /// The control view of an order.
    public func orderSummary(id: String) -> SimJSON? {
        guard let order = orders[id] else { return nil }
        return [
            "id": .string(order.id), "status": .string(order.status), "update_time": .int(order.updateTime),
            "is_on_hold_order": .bool(order.isOnHold),
            "line_items": .array(order.lineItems.map { ["id": .string($0.id), "sku_id": .string($0.skuId)] }),
            "packages": .array(
                order.packages.map {
                    [
                        "id": .string($0.id), "tracking_number": .string($0.trackingNumber),
                        "shipping_provider_id": .string($0.shippingProviderId),
                        "order_line_item_ids": .array($0.lineItemIds.map { .string($0) }),
                    ]
                }),
        ]
    }

    /// Why a ship request is refused.
    enum ShipRefusal: Error {
        case unknownOrder
        case notShippable(String)
        case badLineItems
        case unknownProvider
    }

    /// Marks line items shipped in a new package; returns the answer's `data` and the webhooks.
    func ship(orderId: String, body: SimJSON?) -> Result<(SimJSON, [SimJSON]), ShipRefusal> {
        guard var order = orders[orderId] else { return .failure(.unknownOrder) }
        guard ["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"].contains(order.status), !order.isOnHold else {
            return .failure(.notShippable(order.status))
        }
        guard let tracking = body?["tracking_number"]?.string, !tracking.isEmpty,
            let provider = body?["shipping_provider_id"]?.string
        else { return .failure(.badLineItems) }
        guard shippingProviders.contains(where: { $0.id == provider }) else { return .failure(.unknownProvider) }
        let unshipped = order.lineItems.filter { $0.packageId == nil }.map(\.id)
        let requested = body?["order_line_item_ids"]?.array?.compactMap(\.string) ?? unshipped
        guard !requested.isEmpty, requested.allSatisfy(unshipped.contains) else { return .failure(.badLineItems) }
        let package = SimPackage(id: nextNumericId(), trackingNumber: tracking, shippingProviderId: provider, lineItemIds: requested)
        for index in order.lineItems.indices where requested.contains(order.lineItems[index].id) {
            order.lineItems[index].packageId = package.id
            order.lineItems[index].trackingNumber = tracking
        }
        order.packages.append(package)
        order.status = order.lineItems.allSatisfy({ $0.packageId != nil }) ? "AWAITING_COLLECTION" : "PARTIALLY_SHIPPING"
        order.updateTime = nextUpdateTime(after: order.updateTime)
        orders[orderId] = order
        let data: SimJSON = [
            "order_id": .string(orderId), "package_id": .string(package.id),
            "order_line_item_ids": .array(requested.map { .string($0) }), "warning": nil,
        ]
        return .success((data, [orderStatusEvent(order), packageEvent(order, package: package)]))
    }

    /// Replaces a package's tracking; `false` when the package is unknown.
    func updateShippingInfo(packageId: String?, orderId: String?, body: SimJSON?) -> Bool {
        guard let tracking = body?["tracking_number"]?.string, let provider = body?["shipping_provider_id"]?.string else {
            return false
        }
        for (id, var order) in orders {
            guard let index = order.packages.firstIndex(where: { $0.id == packageId || (orderId == id && packageId == nil) })
            else { continue }
            order.packages[index].trackingNumber = tracking
            order.packages[index].shippingProviderId = provider
            order.updateTime = nextUpdateTime(after: order.updateTime)
            orders[id] = order
            return true
        }
        return false
    }

    /// Applies a control transition; returns the webhooks, or `nil` for an unknown order or target.
    func transition(orderId: String, to target: String) -> [SimJSON]? {
        guard var order = orders[orderId] else { return nil }
        order.updateTime = nextUpdateTime(after: order.updateTime)
        switch target {
        case "ADDRESS_CHANGED":
            order.addressVersion += 1
            orders[orderId] = order
            return [event(type: 3, data: ["order_id": .string(orderId), "update_time": .int(order.updateTime)])]
        case "CANCELLED":
            order.status = "CANCELLED"
            orders[orderId] = order
            return [
                orderStatusEvent(order),
                event(
                    type: 11,
                    data: [
                        "order_id": .string(orderId), "cancel_id": .string(nextNumericId()), "cancellations_role": "BUYER",
                        "cancel_status": "CANCELLATION_REQUEST_COMPLETE", "create_time": .int(order.updateTime),
                    ]),
            ]
        case "DELIVERED", "AWAITING_SHIPMENT", "IN_TRANSIT", "COMPLETED", "UNPAID", "ON_HOLD":
            order.status = target
            orders[orderId] = order
            return [orderStatusEvent(order)]
        default:
            return nil
        }
    }

    /// Now, or one second after `previous` when that is later: each change of an order gets its
    /// own `update_time`, as the webhook deduplication key (type, order, update_time) expects.
    private func nextUpdateTime(after previous: Int64) -> Int64 { max(unixNow, previous + 1) }

    func orderStatusEvent(_ order: SimOrder) -> SimJSON {
        event(
            type: 1,
            data: [
                "order_id": .string(order.id), "order_status": .string(order.status), "update_time": .int(order.updateTime),
                "is_on_hold_order": .bool(order.isOnHold),
            ])
    }

    private func packageEvent(_ order: SimOrder, package: SimPackage) -> SimJSON {
        event(
            type: 4,
            data: [
                "package_list": [["package_id": .string(package.id), "order_id_list": [.string(order.id)]]],
                "sc_type": "SELLER", "role_type": "SELLER", "update_time": .int(order.updateTime),
            ])
    }

    /// A TikTok webhook body.
    func event(type: Int64, data: SimJSON) -> SimJSON {
        [
            "type": .int(type), "tts_notification_id": .string(nextNumericId()), "shop_id": .string(shop.id),
            "timestamp": .int(unixNow), "data": data,
        ]
    }
}
