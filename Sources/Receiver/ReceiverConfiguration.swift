// Everything the webhook receiver needs, with defaults; the binary fills it from the environment
// and config/, tests build it directly.

/// Settings of one receiver process.
public struct ReceiverConfiguration: Sendable {
    /// The largest webhook body accepted (256 KiB); larger ones are answered 413 unread.
    public static let defaultMaxBodyBytes = 256 * 1024

    /// Address to bind; loopback unless a proxy in front needs otherwise.
    public var host: String
    /// Port to bind; 0 picks a free one (tests).
    public var port: Int
    /// The app's key and secret, which sign every webhook.
    public var signature: WebhookSignature
    /// Verifies EasyPost tracker events; `nil` (no secret configured) answers them 503.
    public var easyPostSignature: EasyPostSignature?
    public var maxBodyBytes: Int
    /// Threads for blocking PostgreSQL and Redis calls.
    public var poolSize: Int
    public var connections: ConnectionSettings
    /// Where the classify jobs of TikTok webhooks go.
    public var jobs: JobEnqueueSettings
    /// Where the tracking-update jobs of EasyPost `delivered` trackers go.
    public var trackingJobs: JobEnqueueSettings
    /// How long `/readyz` waits for PostgreSQL and Redis to answer.
    public var readinessTimeout: Duration
    /// The live dashboard (`/dashboard`, `/ws`); without a secret it refuses every viewer.
    public var dashboard: DashboardSettings

    public init(
        host: String = "127.0.0.1", port: Int = 8080, signature: WebhookSignature,
        maxBodyBytes: Int = ReceiverConfiguration.defaultMaxBodyBytes, poolSize: Int = 8,
        connections: ConnectionSettings, jobs: JobEnqueueSettings, readinessTimeout: Duration = .seconds(2),
        easyPostSignature: EasyPostSignature? = nil, trackingJobs: JobEnqueueSettings? = nil,
        dashboard: DashboardSettings? = nil
    ) {
        self.dashboard = dashboard ?? DashboardSettings(secret: nil, schema: connections.postgres.searchPath ?? "public")
        self.trackingJobs = trackingJobs ?? JobEnqueueSettings(queueSettings: jobs.queueSettings)
        self.host = host
        self.port = port
        self.signature = signature
        self.maxBodyBytes = maxBodyBytes
        self.poolSize = poolSize
        self.connections = connections
        self.jobs = jobs
        self.readinessTimeout = readinessTimeout
        self.easyPostSignature = easyPostSignature
    }
}
