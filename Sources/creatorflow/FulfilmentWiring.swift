// Builds the fulfilment pipeline's services from the fleet's configuration and environment.

import Clients
import Domain
import Config
import Foundation
import Fulfilment
import Queue
import Redis
import Worker

extension FleetConfig {
    /// The pipeline's settings from config/ (carriers, thresholds) and the environment.
    func fulfilmentSettings(environment: [String: String] = ProcessInfo.processInfo.environment) -> FulfilmentSettings {
        var settings = FulfilmentSettings()
        settings.carrierProviders = integrations.carrierProviders
        settings.stockThresholds = integrations.stockThresholds
        settings.healthWarning = integrations.healthWarning
        settings.healthCritical = integrations.healthCritical
        settings.alertWebhookURL = environment["CF_ALERT_WEBHOOK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let pipeline = integrations.pipeline
        settings.stalledAfterSeconds = pipeline.stalledAfterSeconds
        settings.reorderWindowSeconds = pipeline.reorderWindowSeconds
        settings.promisedDeliveryDays = pipeline.promisedDeliveryDays
        settings.labelCostCeilingMinor = pipeline.labelCostCeilingMinor
        settings.labelCurrency = pipeline.labelCurrency
        return settings
    }

    /// Services for the fulfilment handlers of one worker process; set `stopping` when it drains.
    func fulfilmentServices(stopping: CancellationFlag = CancellationFlag()) -> FulfilmentServices {
        let url = redisURL
        let settings = worker.queue
        let environment = ProcessInfo.processInfo.environment
        return FulfilmentServices(
            settings: fulfilmentSettings(environment: environment), worker: worker,
            integrations: IntegrationEnvironment(environment), tokenKey: environment[TokenCipher.environmentKey],
            makePostgres: { [self] in try postgres() },
            makeQueue: { RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: "fulfilment") },
            makeGate: makeUpstreamGate(stopping: stopping))
    }
}
