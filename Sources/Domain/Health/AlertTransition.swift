// Turns "condition now" vs "condition last time" into alert events, so an alert fires once when a
// condition starts and once when it resolves, not on every 30-second probe.

/// What to send for one alert key between two evaluations.
public enum AlertTransition: Sendable, Equatable {
    /// The condition started: open an alert.
    case opened(AlertSeverity)
    /// The condition ended: resolve the open alert.
    case resolved
    /// Still active at another severity (warning ↔ critical): update the open alert and notify once.
    case severityChanged(from: AlertSeverity, to: AlertSeverity)

    /// The event for one key, given its severity last time and now (nil = condition absent);
    /// nil when nothing changed.
    public static func between(previous: AlertSeverity?, current: AlertSeverity?) -> AlertTransition? {
        switch (previous, current) {
        case (nil, nil): return nil
        case (nil, let now?): return .opened(now)
        case (_?, nil): return .resolved
        case (let before?, let now?): return before == now ? nil : .severityChanged(from: before, to: now)
        }
    }

    /// The events for every key in either map (a missing key means the condition is absent); keys
    /// with no change are left out.
    public static func changes(
        previous: [String: AlertSeverity], current: [String: AlertSeverity]
    ) -> [String: AlertTransition] {
        var events: [String: AlertTransition] = [:]
        for key in Set(previous.keys).union(current.keys) {
            if let event = between(previous: previous[key], current: current[key]) { events[key] = event }
        }
        return events
    }
}
