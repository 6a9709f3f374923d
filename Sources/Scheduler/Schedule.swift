// A periodic job: what to enqueue and when its ticks fall. Pure: ticks are computed from `now`.

import Foundation

/// When a schedule fires.
public enum Cadence: Sendable, Equatable {
    /// Every `seconds`, aligned to the Unix epoch so every scheduler agrees on the ticks.
    case every(seconds: Double)
    case cron(CronExpression)

    /// Parses `every 30s` / `every 5m` / `every 1h`, or a five-field cron expression.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("every ") {
            let amount = trimmed.dropFirst("every ".count).trimmingCharacters(in: .whitespaces)
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            guard let unit = amount.last, let factor = units[unit], let value = Double(amount.dropLast()), value > 0 else {
                throw ScheduleError("'\(text)': expected 'every <number><s|m|h|d>'")
            }
            self = .every(seconds: value * factor)
        } else {
            self = .cron(try CronExpression(trimmed))
        }
    }

    /// The tick in force at `now`: the latest tick at or before it (nil if none in a year).
    public func currentTick(at now: Date) -> Date? {
        switch self {
        case .every(let seconds):
            return Date(timeIntervalSince1970: (now.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
        case .cron(let expression):
            return expression.latest(atOrBefore: now)
        }
    }
}

/// A named periodic job from config.
public struct Schedule: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var queue: String
    public var cadence: Cadence
    /// Job arguments as JSON text.
    public var args: String

    public init(name: String, kind: String, queue: String, cadence: Cadence, args: String = "{}") {
        self.name = name
        self.kind = kind
        self.queue = queue
        self.cadence = cadence
        self.args = args
    }

    /// The job id of the tick at `tick`: the same in every scheduler process.
    public func jobID(tick: Date) -> String { "sched-\(name)-\(Int64(tick.timeIntervalSince1970 * 1000))" }
}
