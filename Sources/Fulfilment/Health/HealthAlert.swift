// The fleet health alert (key `health`): opened when the overall status drops to warning or
// critical, re-graded when it moves between the two, resolved when it is healthy again. The alerts
// table decides (one open alert per key), so concurrent probes notify once; a probe that finds
// the same condition as the last one sends nothing.

import Domain
import Foundation
import Store

/// Applies one probe's verdict to the `health` alert and notifies the webhook when it changed.
struct HealthAlert {
    static let key = "health"
    let store: AlertStore
    let notifier: AlertNotifier

    /// Opens, re-grades or resolves the alert for `score`; returns the change made (nil: none).
    @discardableResult
    func apply(_ score: HealthScore, reports: [ProbeReport], at time: Date) throws -> AlertTransition? {
        let previous = try store.openAlert(key: Self.key)?.severity
        guard let transition = AlertTransition.between(previous: previous, current: score.status.alertSeverity) else {
            return nil
        }
        let text = Self.text(transition, score: score, reports: reports)
        let changed: Bool
        switch transition {
        case .opened(let severity): changed = try store.open(key: Self.key, severity: severity, message: text, at: time)
        case .severityChanged(_, let severity): changed = try store.regrade(key: Self.key, to: severity, message: text)
        case .resolved: changed = try store.resolve(key: Self.key, at: time)
        }
        guard changed else { return nil }
        notifier.send(text)
        return transition
    }

    /// The alert's text: `🔴 CreatorFlow health critical: score 40/100 — tiktok_api down (HTTP 500)`.
    static func text(_ transition: AlertTransition, score: HealthScore, reports: [ProbeReport]) -> String {
        let affected = reports.filter { $0.result.status != .healthy }.map(\.summary).joined(separator: "; ")
        let detail = affected.isEmpty ? "" : " — \(affected)"
        switch transition {
        case .opened(let severity):
            return "\(icon(severity)) CreatorFlow health \(severity.rawValue): score \(score.value)/100\(detail)"
        case .severityChanged(let before, let now):
            return "\(icon(now)) CreatorFlow health \(now.rawValue) (was \(before.rawValue)): score \(score.value)/100\(detail)"
        case .resolved:
            return "✅ CreatorFlow health recovered: score \(score.value)/100\(detail)"
        }
    }

    /// `opened warning`, `critical (was warning)`, `resolved` or `unchanged`, for logs.
    static func logText(_ transition: AlertTransition?) -> String {
        switch transition {
        case .opened(let severity)?: return "opened \(severity.rawValue)"
        case .severityChanged(let before, let now)?: return "\(now.rawValue) (was \(before.rawValue))"
        case .resolved?: return "resolved"
        case nil: return "unchanged"
        }
    }

    private static func icon(_ severity: AlertSeverity) -> String {
        severity == .critical ? "🔴" : "🟡"
    }
}
