// Which system's status won a conflict.

/// The side whose status was kept.
public enum StatusSource: String, Sendable, Equatable, Hashable, Codable {
    case tiktok
    case creatorFlow = "creatorflow"
}
