// The shop simulator inside the sandbox: one run at a time, ticking every 100 ms. Each tick turns
// the simulated time elapsed into Poisson order counts per SKU and creates those orders exactly as
// `POST /_sim/orders` does, signed webhooks (and webhook faults) included, and adds the views and
// units of the SKUs' videos that the analytics API reports.

import Foundation

extension SandboxState {
    /// Starts `plan`, replacing a running simulation; returns its status.
    public func startSimulation(_ plan: SimulatorPlan, seed: UInt64? = nil) -> SimJSON {
        stopSimulation()
        simulationCounter += 1
        let run = SimulationRun(
            id: simulationCounter, plan: plan, startedAt: now(), seed: seed ?? UInt64.random(in: 0...UInt64.max))
        simulation = run
        ensureSimulatedVideos(skuIds: plan.skus.map(\.skuId))
        let dispatcher = WebhookDispatcher(state: self)
        simulationTask = Task { await self.simulate(runId: run.id, dispatcher: dispatcher) }
        return run.status(now: now())
    }

    /// Stops the running simulation (if any); returns the final status. The simulation's loop
    /// ends at its next tick, which finds the run stopped: its task is not cancelled, since
    /// cancelling a task inside `URLSession.data` (the webhook dispatcher) can deadlock
    /// FoundationNetworking on Linux (its cancel handler waits on the session's queue while
    /// that queue waits to resume the task: seen as a 900 s hang of SimulatorLiveTests).
    @discardableResult
    public func stopSimulation() -> SimJSON {
        simulationTask = nil
        if simulation?.stoppedAt == nil { simulation?.stoppedAt = now() }
        return simulationStatus()
    }

    /// The current or last simulation's status; `{"running": false}` when none ran.
    public func simulationStatus() -> SimJSON {
        simulation?.status(now: now()) ?? ["running": false]
    }

    private func simulate(runId: Int, dispatcher: WebhookDispatcher) async {
        while true {
            try? await Task.sleep(for: .milliseconds(100))
            guard let webhooks = simulationTick(runId: runId) else { return }
            await dispatcher.send(webhooks)
        }
    }

    /// Creates the orders due for run `runId`; `nil` once that run is stopped or replaced.
    private func simulationTick(runId: Int) -> [OutboundWebhook]? {
        guard var run = simulation, run.id == runId, run.stoppedAt == nil else { return nil }
        let step = run.advance(to: now())
        simulation = run
        var events: [SimJSON] = []
        for (skuId, count) in step.orders {
            events += createOrders(count: count, skuId: skuId, quantity: 1, status: "AWAITING_SHIPMENT").webhooks
        }
        addSimulatedContent(step)
        return tiktokWebhooks(events)
    }
}
