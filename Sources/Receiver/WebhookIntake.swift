// The webhook intake: verify, parse, persist, enqueue, answer — no business work. The event is
// committed to webhook_events before any 200; a failed enqueue after that still answers 200,
// because the worker's relay re-enqueues unprocessed events with the same job id. Insert and
// enqueue run in one hop to a blocking thread, together with the deliveries that arrived
// alongside (`DeliveryWriter`).

import Domain
import Foundation
import Hummingbird
import Jobs
import Logging
import Queue
import Store

/// Turns one webhook delivery (raw body and `Authorization` header) into its answer.
public struct WebhookIntake: Sendable {
    /// The answer to a delivery without an `Authorization` header.
    public static let missingSignature = JSONReply.error(
        .unauthorized, "missing signature: the Authorization header is required")

    private let signature: WebhookSignature
    private let writer: DeliveryWriter
    private let logger: Logger

    public init(signature: WebhookSignature, pool: BlockingPool, jobs: JobEnqueueSettings, logger: Logger) {
        self.signature = signature
        self.writer = DeliveryWriter(pool: pool, jobs: jobs)
        self.logger = logger
    }

    /// Handles one delivery of `body` signed with `header`.
    public func receive(body: Data, signature header: String?) async -> JSONReply {
        guard let header, !header.isEmpty else { return Self.missingSignature }
        guard signature.isValid(header, for: body) else {
            logger.notice("webhook rejected: invalid signature", metadata: ["bytes": "\(body.count)"])
            return .error(.unauthorized, "invalid signature")
        }
        let event: IncomingWebhook
        do throws(WebhookPayloadError) {
            event = try IncomingWebhook(parsing: body)
        } catch {
            logger.notice("webhook rejected: bad payload", metadata: ["reason": "\(error.message)"])
            return .error(.badRequest, error.message)
        }
        var metadata: Logger.Metadata = [
            "type": "\(event.type)", "notification_id": "\(event.notificationId)", "shop_id": "\(event.shopId)",
        ]
        if let orderId = event.orderId { metadata["order_id"] = "\(orderId)" }
        let row = NewWebhookEvent(
            notificationId: event.notificationId, type: event.type, shopId: event.shopId, orderId: event.orderId,
            orderStatus: event.orderStatus, updateTime: event.updateTime, rawBody: body, processed: !event.startsClassifyJob)
        let stored: StoredDelivery
        do {
            stored = try await writer.store(row, startsJob: event.startsClassifyJob)
        } catch {
            return storageFailure(error, metadata: metadata)
        }
        guard case .inserted(let eventId) = stored.outcome else {
            logger.info("duplicate webhook delivery acknowledged", metadata: metadata)
            return JSONReply(.ok, ["ok": .bool(true), "duplicate": .bool(true)])
        }
        metadata["event_id"] = "\(eventId)"
        guard let job = stored.job else {
            if event.knownType == nil {
                logger.notice("webhook of unknown type stored; no job", metadata: metadata)
            } else {
                logger.info("webhook stored; no job for this type", metadata: metadata)
            }
            return JSONReply(.ok, ["ok": .bool(true), "event_id": .number(Double(eventId))])
        }
        let jobId = ClassifyJob.jobID(forEvent: job.eventId)
        metadata["job_id"] = "\(jobId)"
        metadata["kind"] = "\(ClassifyJob.kind)"
        var reply: [String: JSONValue] = [
            "ok": .bool(true), "event_id": .number(Double(job.eventId)), "job_id": .string(jobId),
        ]
        if let enqueueError = stored.enqueueError {
            metadata["error"] = "\(enqueueError)"
            logger.warning("webhook stored but its job was not enqueued; the relay will enqueue it", metadata: metadata)
            reply["enqueued"] = .bool(false)
        } else {
            logger.info("webhook stored and job enqueued", metadata: metadata)
            reply["enqueued"] = .bool(true)
        }
        return JSONReply(.ok, reply)
    }

    /// Nothing was stored: answer non-2xx so TikTok delivers again.
    private func storageFailure(_ error: any Error, metadata: Logger.Metadata) -> JSONReply {
        var metadata = metadata
        metadata["error"] = "\(error)"
        logger.error("webhook not stored", metadata: metadata)
        if let failure = error as? PostgresError, !failure.isRetryable {
            return .error(.internalServerError, "the event could not be stored")
        }
        return .error(.serviceUnavailable, "the event store is unavailable; deliver again later")
    }
}
