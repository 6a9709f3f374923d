// Webhook bodies and signatures for the tests, built from the reference sample (EcomPHP
// WebhookTest::$sample_data) plus the `tts_notification_id` that SKIT documents.

import Foundation
import Hummingbird
import Receiver

enum Webhooks {
    static let appKey = "fake_app_key"
    static let appSecret = "fake_app_secret"
    static let signature = WebhookSignature(appKey: appKey, appSecret: appSecret)
    /// The right app key with a wrong secret.
    static let otherSecret = WebhookSignature(appKey: appKey, appSecret: "not_the_secret")

    /// The reference sample, byte for byte; its signature is the reference test vector.
    static let referenceSample =
        #"{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}"#
    static let referenceSignature = "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27"

    /// An ORDER_STATUS_CHANGE (or other order event `type`) body in TikTok's key order.
    static func order(
        type: Int = 1, notification: String = "7327112393057371910", orderId: String = "576684019603311365",
        status: String = "AWAITING_SHIPMENT", updateTime: Int = 1_664_095_610
    ) -> String {
        #"{"type":\#(type),"tts_notification_id":"\#(notification)","shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"\#(orderId)","order_status":"\#(status)","update_time":\#(updateTime),"is_on_hold_order":false}}"#
    }

    /// A body of a type this build does not route to a job.
    static func other(type: Int, notification: String = "n-other") -> String {
        #"{"type":\#(type),"tts_notification_id":"\#(notification)","shop_id":"7494726673780148744","timestamp":1664095733,"data":{"message":"something happened"}}"#
    }

    /// Headers with the correct `Authorization` for `body`.
    static func signed(_ body: String) -> HTTPFields {
        [.authorization: signature.signature(for: Data(body.utf8)), .contentType: "application/json"]
    }
}

extension String {
    var buffer: ByteBuffer { ByteBuffer(string: self) }
}

extension Webhooks {
    /// An order body padded with an extra field to exactly `size` bytes.
    static func order(size: Int) -> String {
        let base = order()
        let padding = size - base.utf8.count - #","pad":"""#.utf8.count
        precondition(padding >= 0, "\(size) bytes is smaller than an order body")
        return String(base.dropLast()) + #","pad":""# + String(repeating: "x", count: padding) + #""}"#
    }
}
