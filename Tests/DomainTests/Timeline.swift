// Generated order timestamps for the velocity and forecast tests: evenly spaced, or jittered
// within each slot by a seeded generator, always under a fixed injected `now`.

import Foundation

enum Timeline {
    /// The injected clock for every test.
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func hours(_ h: Double) -> TimeInterval { h * 3600 }

    /// `ratePerHour` units in `(start, end]`, one per slot of `1/rate` hours counted back from `end`,
    /// each at `phase` of its slot (0.25 keeps them off window boundaries).
    static func steady(ratePerHour: Double, from start: Date, to end: Date, phase: Double = 0.25) -> [Date] {
        slots(ratePerHour: ratePerHour, from: start, to: end) { _ in phase }
    }

    /// Like ``steady(ratePerHour:from:to:phase:)``, each unit at a random point of its slot.
    static func jittered(
        ratePerHour: Double, from start: Date, to end: Date, random: inout some RandomNumberGenerator
    ) -> [Date] {
        slots(ratePerHour: ratePerHour, from: start, to: end) { _ in Double.random(in: 0..<1, using: &random) }
    }

    private static func slots(
        ratePerHour: Double, from start: Date, to end: Date, position: (Int) -> Double
    ) -> [Date] {
        let gap = 3600 / ratePerHour
        var dates: [Date] = []
        var slot = 0
        while true {
            let date = end.addingTimeInterval(-(Double(slot) + position(slot)) * gap)
            if date <= start { break }
            dates.append(date)
            slot += 1
        }
        return dates.reversed()
    }
}

/// SplitMix64: a tiny seeded generator, so "random" arrivals are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
