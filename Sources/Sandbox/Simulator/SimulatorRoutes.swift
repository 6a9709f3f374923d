// `/_sim/simulator`: start (POST a plan), inspect (GET) and stop (DELETE) the shop simulator.

import Foundation
import Hummingbird

/// Adds the simulator control routes.
struct SimulatorRoutes: Sendable {
    let state: SandboxState

    func add(to router: Router<BasicRequestContext>) {
        router.post("/_sim/simulator") { request, _ in
            let body = try await request.bytes()
            let plan: SimulatorPlan
            do {
                plan = try SimulatorPlan.parse(body)
            } catch let error as SimulatorPlanError {
                return ControlRoutes.bad(error.description)
            } catch {
                return ControlRoutes.bad(
                    "expected {\"skus\": [{\"sku_id\", \"orders_per_hour\"}], \"spikes\"?: [{\"sku_id\", \"multiplier\", "
                        + "\"start_after_s\", \"duration_s\"}], \"time_scale\"?, \"seed\"?}")
            }
            let seed = SimJSON.parse(body)?["seed"]?.int.map { UInt64(bitPattern: $0) }
            return SimReply.json(.created, await state.startSimulation(plan, seed: seed))
        }
        router.get("/_sim/simulator") { _, _ in SimReply.json(.ok, await state.simulationStatus()) }
        router.delete("/_sim/simulator") { _, _ in SimReply.json(.ok, await state.stopSimulation()) }
    }
}
