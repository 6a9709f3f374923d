// The dashboard's settings, each with its one default here: the signing secret comes from
// `CF_DASHBOARD_SECRET`; the timings and limits are what clients and tests rely on.

import Domain

/// How `/dashboard` and `/ws` behave.
public struct DashboardSettings: Sendable {
    /// The HS256 secret tokens are signed with; without it the dashboard answers 503.
    public var secret: String?
    /// The PostgreSQL schema whose `dashboard_events` carries the events.
    public var schema: String
    /// How often the server pings each client (`{"type":"ping"}`).
    public var pingInterval: Duration = .seconds(30)
    /// A client that sends nothing (no pong either) for this long is dropped.
    public var silenceLimit: Duration = .seconds(75)
    /// The largest frame a client may send.
    public var maxFrameBytes = 64 * 1024
    /// Events queued for one client before it is told to resync instead.
    public var clientBuffer = 1024
    /// Resyncs one client may need within a minute before it is dropped as too slow.
    public var resyncsPerMinute = 3
    /// Messages a client may send within 10 seconds.
    public var messagesPer10Seconds = 50
    /// How often the feed reads the event log: each client gets one frame per read that found
    /// events for it, and an event waits half of it on average.
    public var pollInterval: Duration = .milliseconds(10)
    /// How long the feed awaits an event id it skipped because its transaction had not committed.
    public var gapWait: Duration = .seconds(30)
    /// How often `queues.stats` goes to operators.
    public var statsInterval: Duration = .seconds(1)
    /// How often the stock panel's rates, viral scores and hours left are recomputed.
    public var stockInterval: Duration = .seconds(15)
    /// Orders in the snapshot's newest-orders list.
    public var recentOrders = 50
    /// Resolved alerts in the snapshot, besides every open one.
    public var resolvedAlerts = 50
    /// Dead letters per queue grouped into the fleet panel.
    public var deadLettersPerQueue = 500

    public init(secret: String?, schema: String) {
        self.secret = secret
        self.schema = schema
    }
}
