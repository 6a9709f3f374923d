// Parses operator durations like 90s, 30m, 12h, 7d.

import ArgumentParser

/// A duration given on the command line, in seconds.
struct CLIDuration: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = argument.last, let factor = units[unit], let value = Double(argument.dropLast()), value >= 0 else {
            return nil
        }
        seconds = value * factor
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
