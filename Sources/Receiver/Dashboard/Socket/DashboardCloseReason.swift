// Why the server closes a dashboard socket: each reason has its own close code and text, so a
// client (and an operator reading its console) knows what to do.

/// A reason to close a dashboard socket.
enum DashboardCloseReason: Error, Equatable {
    /// 4401: no token, an expired or a forged one.
    case unauthorized(String)
    /// 4403: a page of another site opened the socket.
    case foreignOrigin
    /// 4400: a message that is not a JSON object with a known `type`.
    case badMessage(String)
    /// 1008: more messages than the limit allows.
    case flood(limit: Int)
    /// 4408: nothing heard from the client (no pong either) for too long.
    case silent(seconds: Int)
    /// 4429: the client fell behind again and again.
    case tooSlow(resyncs: Int)

    /// The close code: 1008 (policy violation) or one of the application's 4xxx codes.
    var code: Int {
        switch self {
        case .unauthorized: 4401
        case .foreignOrigin: 4403
        case .badMessage: 4400
        case .flood: 1008
        case .silent: 4408
        case .tooSlow: 4429
        }
    }

    var text: String {
        switch self {
        case .unauthorized(let why): why
        case .foreignOrigin: "this dashboard's socket only accepts its own pages"
        case .badMessage(let why): why
        case .flood(let limit): "message flood: more than \(limit) messages in 10 s"
        case .silent(let seconds): "no message or pong for \(seconds) s"
        case .tooSlow(let resyncs): "too slow: fell behind \(resyncs) times in a minute"
        }
    }
}
