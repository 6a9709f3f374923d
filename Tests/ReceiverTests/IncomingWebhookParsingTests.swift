// Webhook body validation: what is required, and that every rejection names its field.

import Foundation
import Receiver
import Testing

@Suite struct IncomingWebhookParsingTests {
    private func parse(_ text: String) throws(WebhookPayloadError) -> IncomingWebhook {
        try IncomingWebhook(parsing: Data(text.utf8))
    }

    private func rejection(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func orderStatusChangeYieldsItsFields() throws {
        let event = try parse(Webhooks.order())
        #expect(
            event
                == IncomingWebhook(
                    type: 1, notificationId: "7327112393057371910", shopId: "7494726673780148744",
                    orderId: "576684019603311365", orderStatus: "AWAITING_SHIPMENT", updateTime: 1_664_095_610))
        #expect(event.knownType == .orderStatusChange)
        #expect(event.startsClassifyJob)
    }

    @Test func referenceSampleLacksTheNotificationId() {
        #expect(rejection(Webhooks.referenceSample) == "missing required field 'tts_notification_id'")
    }

    @Test(arguments: [
        ("not json", "malformed JSON: the body is not valid JSON"),
        ("", "malformed JSON: the body is not valid JSON"),
        (#"{"type":1"#, "malformed JSON: the body is not valid JSON"),
        ("[1,2]", "the body must be a JSON object"),
        (#"{"tts_notification_id":"n","shop_id":"s"}"#, "missing required field 'type'"),
        (#"{"type":"1","tts_notification_id":"n","shop_id":"s"}"#, "field 'type' must be an integer"),
        (#"{"type":1.5,"tts_notification_id":"n","shop_id":"s"}"#, "field 'type' must be an integer"),
        (#"{"type":true,"tts_notification_id":"n","shop_id":"s"}"#, "field 'type' must be an integer"),
        (#"{"type":99999999999,"tts_notification_id":"n","shop_id":"s"}"#, "field 'type' is out of range"),
        (#"{"type":6,"tts_notification_id":"","shop_id":"s"}"#, "field 'tts_notification_id' must be a non-empty string"),
        (#"{"type":6,"tts_notification_id":"n"}"#, "missing required field 'shop_id'"),
        (#"{"type":6,"tts_notification_id":"n","shop_id":7494726673780148744}"#, "field 'shop_id' must be a non-empty string"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s"}"#, "missing required field 'data'"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s","data":[]}"#, "field 'data' must be an object"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s","data":null}"#, "field 'data' must be an object"),
        (#"{"type":6,"tts_notification_id":"n","shop_id":"s","unread":{"deep":[1,}}"#, "malformed JSON: the body is not valid JSON"),
        ("\"text\"", "the body must be a JSON object"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s","data":{}}"#, "missing required field 'data.order_id'"),
        (#"{"type":11,"tts_notification_id":"n","shop_id":"s","data":{"order_id":576684019603311365}}"#, "field 'data.order_id' must be a non-empty string"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s","data":{"order_id":"o","update_time":"soon"}}"#, "field 'data.update_time' must be an integer"),
        (#"{"type":1,"tts_notification_id":"n","shop_id":"s","data":{"order_id":"o","order_status":3}}"#, "field 'data.order_status' must be a non-empty string"),
    ])
    func rejectionsNameTheField(body: String, message: String) {
        #expect(rejection(body) == message)
    }

    @Test func typesWithoutJobsNeedNoData() throws {
        let unknown = try parse(#"{"type":999,"tts_notification_id":"n","shop_id":"s"}"#)
        #expect(unknown.knownType == nil)
        #expect(!unknown.startsClassifyJob)
        let package = try parse(
            #"{"type":4,"tts_notification_id":"n","shop_id":"s","data":{"package_list":[{"package_id":"p","order_id_list":["o"]}],"update_time":12}}"#
        )
        #expect(package.knownType == .packageUpdate)
        #expect(!package.startsClassifyJob)
        #expect(package.orderId == nil)
        #expect(package.updateTime == 12)
    }

    @Test func orderRelatedTypesStartClassifyJobs() {
        let starting = WebhookEventType.allCases.filter(\.startsClassifyJob).map(\.rawValue)
        #expect(starting == [1, 2, 3, 11, 12])
    }
}
