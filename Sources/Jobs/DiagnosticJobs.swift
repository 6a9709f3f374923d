// Built-in diagnostic job kinds for operators and benchmarks: noop, sleep and fail.

/// Does nothing; measures the queue itself.
public struct NoopJob: JobPayload {
    public static let kind = "noop"
    public init() {}
}

/// Sleeps `ms` milliseconds, honouring cancellation.
public struct SleepJob: JobPayload {
    public static let kind = "sleep"
    public var ms: Int
    public init(ms: Int) { self.ms = ms }
}

/// Fails every time, permanently or retryably, with `message`.
public struct FailJob: JobPayload {
    public static let kind = "fail"
    public var permanent: Bool
    public var message: String
    public init(permanent: Bool = false, message: String = "diagnostic failure") {
        self.permanent = permanent
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case permanent, message }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        permanent = try c.decodeIfPresent(Bool.self, forKey: .permanent) ?? false
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? "diagnostic failure"
    }
}
