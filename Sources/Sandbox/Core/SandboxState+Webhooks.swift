// Outbound webhooks: the sandbox signs each body as the real senders do (TikTok: hex HMAC of
// app_key + body in `Authorization`; EasyPost: `X-Hmac-Signature: hmac-sha256-hex=…`), applies
// webhook faults, and records every attempt with the receiver's answer.

import Crypto
import Foundation
import Hex

/// One webhook to send.
struct OutboundWebhook: Sendable {
    let url: String
    let body: Data
    let headers: [String: String]
    let source: String
    /// The order or tracker it is about: deliveries about one subject keep their order.
    let subject: String
}

extension SandboxState {
    /// Signed TikTok deliveries for `events`, with webhook faults applied: bad signature,
    /// duplicates, and out-of-order (a held webhook goes out right after the next one sent).
    func tiktokWebhooks(_ events: [SimJSON]) -> [OutboundWebhook] {
        guard let url = configuration.webhookURL else { return [] }
        var out: [OutboundWebhook] = []
        for event in events {
            let body = event.data
            var signature = Self.hmac(key: configuration.appSecret, Data(configuration.appKey.utf8) + body).lowercaseHex
            if fire(kinds: ["webhook_bad_signature"], method: "WEBHOOK", path: "/webhooks/tiktok", carrier: nil) != nil {
                signature = String(signature.reversed())
            }
            let webhook = OutboundWebhook(
                url: url, body: body, headers: ["Authorization": signature, "Content-Type": "application/json"],
                source: "tiktok", subject: "order:" + (event["data"]?["order_id"]?.string ?? ""))
            if fire(kinds: ["webhook_out_of_order"], method: "WEBHOOK", path: "/webhooks/tiktok", carrier: nil) != nil {
                heldWebhooks.append(webhook)
                continue
            }
            out.append(webhook)
            if fire(kinds: ["webhook_duplicate"], method: "WEBHOOK", path: "/webhooks/tiktok", carrier: nil) != nil {
                out.append(webhook)
            }
            out += heldWebhooks
            heldWebhooks.removeAll()
        }
        return out
    }

    /// A signed EasyPost `tracker.updated` event.
    func easyPostWebhook(tracker: SimTracker, previousStatus: String) -> [OutboundWebhook] {
        guard let url = configuration.easyPostWebhookURL else { return [] }
        let event: SimJSON = [
            "id": .string(nextId("evt_")), "object": "Event", "description": "tracker.updated", "mode": "test",
            "status": "completed", "previous_attributes": ["status": .string(previousStatus)], "result": tracker.json,
            "pending_urls": [.string(url)], "completed_urls": [], "created_at": .string(Self.iso(now())),
            "updated_at": .string(Self.iso(now())), "user_id": "user_sandbox",
        ]
        let body = event.data
        let secret = configuration.easyPostWebhookSecret.decomposedStringWithCompatibilityMapping
        var signature = "hmac-sha256-hex=" + Self.hmac(key: secret, body).lowercaseHex
        if fire(kinds: ["webhook_bad_signature"], method: "WEBHOOK", path: "/webhooks/easypost", carrier: tracker.carrier) != nil {
            signature += "00"
        }
        return [
            OutboundWebhook(
                url: url, body: body, headers: ["X-Hmac-Signature": signature, "Content-Type": "application/json"],
                source: "easypost", subject: "tracker:" + tracker.id)
        ]
    }

    /// Records one delivery attempt.
    func recordDelivery(_ webhook: OutboundWebhook, status: Int?, error: String?) {
        Self.append([
            "source": .string(webhook.source), "url": .string(webhook.url),
            "body": .string(String(decoding: webhook.body, as: UTF8.self)),
            "headers": .object(webhook.headers.mapValues { .string($0) }),
            "status": status.map { .int(Int64($0)) } ?? .null, "error": error.map { .string($0) } ?? .null,
            "at_ms": .int(Int64(now().timeIntervalSince1970 * 1000)),
        ], to: &deliveries)
    }

    /// The most recent attempts (at most ``logCapacity``), oldest first.
    public func deliveryLog() -> SimJSON { ["deliveries": .array(deliveries)] }

    private static func hmac(key: String, _ message: Data) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(key.utf8))))
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
