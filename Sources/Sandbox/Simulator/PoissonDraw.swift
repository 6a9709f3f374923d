// Poisson-distributed counts: how many orders arrive in one tick when arrivals are a Poisson
// process with the given expected count. Exact (Knuth) for small means, normal approximation
// for large ones; the generator is injected so tests are repeatable.

import Foundation

/// Draws from a Poisson distribution.
public enum PoissonDraw {
    /// A count with expectation `mean` (0 when `mean` ≤ 0).
    public static func count(mean: Double, using generator: inout some RandomNumberGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = Double.random(in: 0..<1, using: &generator)
            var count = 0
            while product > limit {
                count += 1
                product *= Double.random(in: 0..<1, using: &generator)
            }
            return count
        }
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return max(0, Int((mean + normal * mean.squareRoot()).rounded()))
    }
}

/// A small seeded generator (SplitMix64) for repeatable simulations and tests.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
