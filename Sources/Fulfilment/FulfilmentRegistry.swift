// The job kinds a fulfilment worker runs, registered in one place.

import Worker

extension JobRegistry {
    /// The diagnostic kinds plus every fulfilment handler, sharing `services`.
    public static func fulfilment(_ services: FulfilmentServices) -> JobRegistry {
        var registry = JobRegistry.diagnostics
        registry.register(ClassifyHandler(services: services))
        registry.register(ReserveHandler(services: services))
        registry.register(LabelHandler(services: services))
        registry.register(TrackingSyncHandler(services: services))
        registry.register(TrackingUpdateHandler(services: services))
        registry.register(ReorderHandler(services: services))
        registry.register(StockSyncHandler(services: services))
        registry.register(TikTokPingHandler(services: services))
        registry.register(HealthProbeHandler(services: services))
        registry.register(SweepHandler(services: services))
        registry.register(ContentSyncHandler(services: services))
        registry.register(ReplenishHandler(services: services))
        return registry
    }
}
