// `/_sim/analytics/scope` and `/_sim/videos`: withdraw or grant the shop's analytics scope, and
// set or read the videos the analytics API reports (see Sandbox.docc/Sandbox.md).

import Foundation
import Hummingbird

/// Adds the content control routes.
struct ContentControlRoutes: Sendable {
    let state: SandboxState

    func add(to router: Router<BasicRequestContext>) {
        router.post("/_sim/analytics/scope") { request, _ in
            guard let granted = SimJSON.parse(try await request.bytes())?["granted"], case .bool(let value) = granted else {
                return ControlRoutes.bad("expected {\"granted\": true|false}")
            }
            await state.setAnalyticsScope(granted: value)
            return SimReply.json(.ok, ["granted": .bool(value)])
        }
        router.post("/_sim/videos") { request, _ in
            switch await state.putVideo(SimJSON.parse(try await request.bytes())) {
            case .success(let id): return SimReply.json(.ok, ["id": .string(id)])
            case .failure(let error): return ControlRoutes.bad(error.message)
            }
        }
        router.get("/_sim/videos") { request, _ in
            SimReply.json(.ok, await state.videoSummary(skuId: RawQuery.pairs(request.uri.query)["sku_id"]))
        }
    }
}
