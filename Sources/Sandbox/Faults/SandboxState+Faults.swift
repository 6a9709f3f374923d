// Fault rules in the sandbox state: add, list, clear, and the one-step "does a rule fire for
// this request" that also advances the rule's counters.

import Foundation

extension SandboxState {
    /// Adds a rule; returns it with its id, or `nil` for an unknown kind.
    public func addFault(_ rule: FaultRule) -> FaultRule? {
        guard FaultRule.kinds.contains(rule.kind) else { return nil }
        var rule = rule
        rule.id = rule.id ?? nextId("fault_")
        rule.seen = 0
        rule.fired = 0
        faults.append(rule)
        return rule
    }

    /// Every rule with its counters.
    public func listFaults() -> [FaultRule] { faults }

    /// Removes every rule.
    public func clearFaults() { faults.removeAll() }

    /// The first live rule of one of `kinds` that fires for this request (counters advance).
    /// Logs an API request and returns the transport fault it meets, if any, in one visit to the
    /// state: the carrier is that of the rate `rateId` being bought, else the tracker's `carrier`.
    func admit(kinds: Set<String>, method: String, path: String, rateId: String?, carrier: String?) -> FaultRule? {
        log(method: method, path: path)
        let matched = rateId.map { self.carrier(rateId: $0) } ?? carrier
        return fire(kinds: kinds, method: method, path: path, carrier: matched)
    }

    func fire(kinds: Set<String>, method: String, path: String, carrier: String?) -> FaultRule? {
        for index in faults.indices {
            let rule = faults[index]
            guard kinds.contains(rule.kind), !rule.isExhausted, rule.matches(method: method, path: path, carrier: carrier)
            else { continue }
            let seen = (rule.seen ?? 0) + 1
            faults[index].seen = seen
            if let nth = rule.nth, seen < nth { continue }
            if let probability = rule.probability, Double.random(in: 0..<1) >= probability { continue }
            faults[index].fired = (rule.fired ?? 0) + 1
            return faults[index]
        }
        return nil
    }
}
