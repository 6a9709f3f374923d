// `POST /webhooks/easypost`: verify the signature, parse the event, append the tracker's scans to
// tracking_events and, on `delivered`, enqueue the shipment's `tracking-update` job: a worker
// moves the order (the order state machine runs in workers only). If that enqueue fails the
// answer is 503, so EasyPost delivers again (the scans are deduplicated). A tracking number no
// shipment has is acknowledged and logged, not stored: EasyPost accounts also track parcels
// CreatorFlow did not ship.

import Domain
import Foundation
import Hummingbird
import Jobs
import Logging
import Queue
import Redis
import Store

/// Turns one EasyPost delivery (raw body and `X-Hmac-Signature`) into its answer.
public struct EasyPostIntake: Sendable {
    private let signature: EasyPostSignature?
    private let pool: BlockingPool
    private let jobs: JobEnqueueSettings
    private let logger: Logger

    /// `signature` is `nil` when no webhook secret is configured: every delivery is then answered
    /// 503, so EasyPost keeps it until the receiver is configured.
    public init(signature: EasyPostSignature?, pool: BlockingPool, jobs: JobEnqueueSettings, logger: Logger) {
        self.signature = signature
        self.pool = pool
        self.jobs = jobs
        self.logger = logger
    }

    /// Handles one delivery of `body` signed with `header`.
    public func receive(body: Data, signature header: String?) async -> JSONReply {
        guard let signature else {
            logger.error("easypost webhook refused: EASYPOST_WEBHOOK_SECRET is not configured")
            return .error(.serviceUnavailable, "EasyPost webhooks are not configured on this receiver")
        }
        guard let header, !header.isEmpty else {
            return .error(.unauthorized, "missing signature: the X-Hmac-Signature header is required")
        }
        guard signature.isValid(header, for: body) else {
            logger.notice("easypost webhook rejected: invalid signature", metadata: ["bytes": "\(body.count)"])
            return .error(.unauthorized, "invalid signature")
        }
        let event: EasyPostEvent
        do throws(WebhookPayloadError) {
            event = try EasyPostEvent(parsing: body)
        } catch {
            logger.notice("easypost webhook rejected: bad payload", metadata: ["reason": "\(error.message)"])
            return .error(.badRequest, error.message)
        }
        switch event {
        case .other(let description):
            logger.info("easypost event acknowledged and ignored", metadata: ["description": "\(description)"])
            return JSONReply(.ok, ["ok": .bool(true), "ignored": .string(description)])
        case .tracker(let update):
            return await record(update)
        }
    }

    private func record(_ update: TrackerUpdate) async -> JSONReply {
        var metadata: Logger.Metadata = ["tracking_code": "\(update.trackingCode)", "status": "\(update.status)"]
        if let eventId = update.eventId { metadata["event_id"] = "\(eventId)" }
        let rows = update.trackingRows(receivedAt: Date())
        let outcome: TrackingOutcome?
        let jobs = self.jobs
        do {
            outcome = try await pool.run { connections in
                guard let outcome = try TrackingRecorder(connection: connections.postgres()).record(update, rows: rows)
                else { return nil }
                if update.status == CarrierTracking.delivered {
                    let job = try TrackingUpdateJob(shipmentId: outcome.shipmentId).newJob(
                        queue: jobs.queue, maxAttempts: jobs.maxAttempts,
                        id: TrackingUpdateJob.jobID(shipmentId: outcome.shipmentId, status: update.status),
                        now: Date().timeIntervalSince1970
                    ).encoded()
                    try RedisJobQueue(connection: connections.redis(), settings: jobs.queueSettings, processId: "receiver")
                        .enqueue([job])
                }
                return outcome
            }
        } catch let error as RedisError {
            metadata["error"] = "\(error)"
            logger.error("easypost scans stored but their tracking-update job was not enqueued", metadata: metadata)
            return .error(.serviceUnavailable, "the job queue is unavailable; deliver again later")
        } catch {
            metadata["error"] = "\(error)"
            logger.error("easypost webhook not stored", metadata: metadata)
            if let failure = error as? PostgresError, !failure.isRetryable {
                return .error(.internalServerError, "the event could not be stored")
            }
            return .error(.serviceUnavailable, "the event store is unavailable; deliver again later")
        }
        guard let outcome else {
            logger.notice("easypost tracker for an unknown tracking number; acknowledged, not stored", metadata: metadata)
            return JSONReply(.ok, ["ok": .bool(true), "matched": .bool(false)])
        }
        metadata["shipment_id"] = "\(outcome.shipmentId)"
        metadata["order_id"] = "\(outcome.orderId)"
        metadata["order_state"] = "\(outcome.orderState)"
        logger.info("tracking stored", metadata: metadata)
        return JSONReply(
            .ok,
            [
                "ok": .bool(true), "matched": .bool(true), "shipment_id": .number(Double(outcome.shipmentId)),
                "stored": .number(Double(outcome.added)), "duplicates": .number(Double(rows.count - outcome.added)),
                "order_state": .string(outcome.orderState),
            ])
    }
}
