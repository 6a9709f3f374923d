/// What the planner believes about a demand surge right now.
public enum SurgeEvidence: String, Sendable, Equatable {
    /// No surge in content or sales.
    case quiet
    /// Views surge but sales have not (yet) followed: possibly a false alarm, so nothing extra is bought.
    case contentOnly = "content_only"
    /// Views surge and the SKU's sales follow it: a viral episode.
    case confirmed
    /// Sales alone surge far above the baseline (with or without content metrics).
    case salesOnly = "sales_only"
}
