// The knobs of the fulfilment pipeline, mapped from config/ by the executable (tests build them
// directly). Defaults are the documented product defaults.

import Domain
import Foundation

/// Settings every fulfilment handler reads.
public struct FulfilmentSettings: Sendable {
    /// Carrier name (as EasyPost names it) → TikTok Shop shipping provider id.
    public var carrierProviders: [String: String]
    /// Hours of stock that make a SKU critical (alert) or leave it at monitoring.
    public var stockThresholds: StockThresholds
    /// Lead times and knobs of the purchase planner (`reorder`).
    public var replenishment: ReplenishmentParameters
    /// Spike detection windows.
    public var viral: ViralDetector
    /// At most one supplier order per SKU per window of this many seconds (the planner decides hourly).
    public var reorderWindowSeconds: Double
    /// Orders with no progress for this long are re-driven by the sweeper.
    public var stalledAfterSeconds: Double
    /// Health score below → warning alert; below `healthCritical` → critical alert.
    public var healthWarning: Int
    public var healthCritical: Int
    /// Where alerts are POSTed as Slack-compatible JSON (`{"text": …}`); nil stores them only.
    public var alertWebhookURL: String?
    /// Delivery promise for MEDIUM and LOW orders, days (nil: no promise).
    public var promisedDeliveryDays: Int?
    /// Most a label may cost, in minor units of `labelCurrency` (nil: no ceiling).
    public var labelCostCeilingMinor: Int?
    public var labelCurrency: String
    /// Where parcels ship from (EasyPost `from_address`).
    public var shipFrom: [String: String]

    public init(
        carrierProviders: [String: String] = [:], stockThresholds: StockThresholds = .standard,
        replenishment: ReplenishmentParameters = ReplenishmentParameters(), viral: ViralDetector = ViralDetector(),
        reorderWindowSeconds: Double = 3600,
        stalledAfterSeconds: Double = 600, healthWarning: Int = 80, healthCritical: Int = 60,
        alertWebhookURL: String? = nil, promisedDeliveryDays: Int? = 5, labelCostCeilingMinor: Int? = 5000,
        labelCurrency: String = "USD",
        shipFrom: [String: String] = [
            "name": "CreatorFlow Fulfilment", "street1": "1 Warehouse Way", "city": "Los Angeles", "state": "CA",
            "zip": "90001", "country": "US",
        ]
    ) {
        self.carrierProviders = carrierProviders
        self.stockThresholds = stockThresholds
        self.replenishment = replenishment
        self.viral = viral
        self.reorderWindowSeconds = reorderWindowSeconds
        self.stalledAfterSeconds = stalledAfterSeconds
        self.healthWarning = healthWarning
        self.healthCritical = healthCritical
        self.alertWebhookURL = alertWebhookURL
        self.promisedDeliveryDays = promisedDeliveryDays
        self.labelCostCeilingMinor = labelCostCeilingMinor
        self.labelCurrency = labelCurrency
        self.shipFrom = shipFrom
    }
}
