// An alert that is open in PostgreSQL: its key, how loud it is, what it said and since when.

import Domain
import Foundation

/// One `alerts` row in state `open`.
public struct OpenAlert: Sendable, Equatable {
    public var id: Int64
    /// What the alert is about (`health`, `stock.critical:<sku>`); at most one open per key.
    public var key: String
    public var severity: AlertSeverity
    public var message: String
    public var openedAt: Date
}
