// `creatorflow-sandbox`: the imitation TikTok Shop, EasyPost and supplier on one port. Logic lives
// in the Sandbox library; this only parses flags and runs the application until SIGINT/SIGTERM.

import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Sandbox

/// Runs the sandbox. Defaults match `ops/up` (see Sources/Sandbox/Sandbox.docc/Sandbox.md).
@main
struct SandboxMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creatorflow-sandbox", abstract: "Imitation TikTok Shop, EasyPost and supplier APIs with fault injection.")

    @Option(help: "Port for every surface (0 picks a free one).") var port = 8090
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "TikTok app key.") var appKey = "sandbox-app-key"
    @Option(help: "TikTok app secret (signs requests and webhooks).") var appSecret = "sandbox-app-secret"
    @Option(help: "EasyPost API key expected in Basic auth.") var easypostKey = "sandbox-easypost-key"
    @Option(help: "Secret signing EasyPost tracker events.") var easypostWebhookSecret = "sandbox-easypost-webhook-secret"
    @Option(help: "Supplier API key (Bearer).") var supplierKey = "sandbox-supplier-key"
    @Option(help: "Where TikTok webhooks are sent; 'none' sends none.") var webhookURL = "http://127.0.0.1:8080/webhooks/tiktok"
    @Option(help: "Where EasyPost events are sent (default: sibling /webhooks/easypost of --webhook-url).")
    var easypostWebhookURL: String?
    @Option(help: "Start the shop simulator with the plan in this JSON file (see Sandbox.md).") var simulate: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        _ = try simulationPlan()
    }

    /// The plan named by `--simulate`, or a validation error naming the file and the problem.
    private func simulationPlan() throws -> SimulatorPlan? {
        guard let simulate else { return nil }
        do {
            return try SimulatorPlan.parse(try Data(contentsOf: URL(fileURLWithPath: simulate)))
        } catch {
            throw ValidationError("--simulate \(simulate): \(error)")
        }
    }

    func run() async throws {
        let webhook = webhookURL == "none" ? nil : webhookURL
        let configuration = SandboxConfiguration(
            host: host, port: port, appKey: appKey, appSecret: appSecret, easyPostKey: easypostKey,
            easyPostWebhookSecret: easypostWebhookSecret, supplierKey: supplierKey, webhookURL: webhook,
            easyPostWebhookURL: easypostWebhookURL)
        let logger = Logger(label: "creatorflow.sandbox")
        let state = SandboxState(configuration: configuration)
        if let plan = try simulationPlan() {
            _ = await state.startSimulation(plan)
            logger.info("shop simulator started", metadata: ["plan": "\(simulate ?? "")"])
        }
        let app = buildSandboxApplication(state: state, logger: logger) { bound in
            logger.info("sandbox listening", metadata: ["url": "http://\(configuration.host):\(bound)"])
        }
        try await app.runService()
    }
}
