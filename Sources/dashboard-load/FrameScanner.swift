// A minimal JSON scanner for the server's frames: it walks the text once, keeps the handful of
// fields the load checks (the frame's type and seq; each event's type, `at`, `txid`, order id and state)
// and skips everything else without building values. JSONDecoder spent 83 % of the client's CPU
// on these frames (200 clients × ~1,000 events/s): the client fell tens of megabytes behind the
// web process and the bench measured the client. `--codable` decodes with `Frame` (Codable)
// instead, to cross-check this scanner.

/// What the load reads from one frame.
struct ScannedFrame {
    enum Kind { case snapshot, events, ping, other }
    var kind = Kind.other
    var seq: UInt64?
    /// When the server wrote the frame (epoch ms).
    var sent: Int64?
    var events = 0
    var orderEvents = 0
    /// `at` of each order event.
    var orderAts: [Int64] = []
    /// `txid` of each order event (the transaction whose commit sent it).
    var orderTxids: [Int64] = []
    /// Order ids whose event has the final state.
    var finals: [Int64] = []
}

struct ScanError: Error {}

struct FrameScanner {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private let finalState: [UInt8]

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// Scans one frame's UTF-8 bytes.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, finalState: [UInt8]) throws -> ScannedFrame {
        var scanner = FrameScanner(b: bytes, finalState: finalState)
        return try scanner.frame()
    }

    private init(b: UnsafeBufferPointer<UInt8>, finalState: [UInt8]) {
        self.b = b
        self.finalState = finalState
    }

    private mutating func frame() throws -> ScannedFrame {
        var frame = ScannedFrame()
        try expect(UInt8(ascii: "{"))
        while let key = try key() {
            if equals(key, "type") {
                let type = try string()
                frame.kind =
                    equals(type, "events") ? .events : equals(type, "snapshot") ? .snapshot : equals(type, "ping") ? .ping : .other
            } else if equals(key, "seq") {
                frame.seq = UInt64(clamping: try integer())
            } else if equals(key, "sent") {
                frame.sent = try integer()
            } else if equals(key, "events") {
                try expect(UInt8(ascii: "["))
                while try element() { try event(into: &frame) }
            } else {
                try skipValue()
            }
        }
        return frame
    }

    private mutating func event(into frame: inout ScannedFrame) throws {
        frame.events += 1
        var isOrder = false
        var at: Int64?
        var txid: Int64?
        var id: Int64?
        var isFinal = false
        try expect(UInt8(ascii: "{"))
        while let key = try key() {
            if equals(key, "type") {
                isOrder = hasPrefix(try string(), "order.")
            } else if equals(key, "at") {
                at = try integer()
            } else if equals(key, "txid") {
                txid = try integer()
            } else if equals(key, "order"), peek() == UInt8(ascii: "{") {
                try expect(UInt8(ascii: "{"))
                while let orderKey = try self.key() {
                    if equals(orderKey, "id") {
                        id = try integer()
                    } else if equals(orderKey, "state"), peek() == Self.quote {
                        let state = try string()
                        isFinal = state.count == finalState.count && zip(state, finalState).allSatisfy { b[$0] == $1 }
                    } else {
                        try skipValue()
                    }
                }
            } else {
                try skipValue()
            }
        }
        guard isOrder, let id else { return }
        frame.orderEvents += 1
        if let at { frame.orderAts.append(at) }
        if let txid { frame.orderTxids.append(txid) }
        if isFinal { frame.finals.append(id) }
    }

    // MARK: tokens

    private mutating func whitespace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func peek() -> UInt8? {
        whitespace()
        return i < b.count ? b[i] : nil
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw ScanError() }
        i += 1
    }

    /// The next key of the object being read (after `{` or a value), or `nil` at its end.
    private mutating func key() throws -> Range<Int>? {
        switch peek() {
        case UInt8(ascii: "}"):
            i += 1
            return nil
        case UInt8(ascii: ","):
            i += 1
        case nil:
            throw ScanError()
        default:
            break
        }
        let key = try string()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Whether the array being read has another element (after `[` or an element).
    private mutating func element() throws -> Bool {
        switch peek() {
        case UInt8(ascii: "]"):
            i += 1
            return false
        case UInt8(ascii: ","):
            i += 1
            return true
        case nil:
            throw ScanError()
        default:
            return true
        }
    }

    /// A string's raw bytes (escapes left as they are).
    private mutating func string() throws -> Range<Int> {
        try expect(Self.quote)
        let start = i
        while i < b.count {
            let c = b[i]
            if c == Self.backslash {
                i += 2
            } else if c == Self.quote {
                i += 1
                return start..<(i - 1)
            } else {
                i += 1
            }
        }
        throw ScanError()
    }

    /// An integer (a fraction or exponent is skipped).
    private mutating func integer() throws -> Int64 {
        whitespace()
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var value: Int64 = 0
        var digits = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            value = value &* 10 &+ Int64(b[i] - 0x30)
            i += 1
            digits += 1
        }
        guard digits > 0 else { throw ScanError() }
        skipScalar()
        return negative ? -value : value
    }

    private mutating func skipScalar() {
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
            default: i += 1
            }
        }
    }

    private mutating func skipValue() throws {
        switch peek() {
        case Self.quote:
            _ = try string()
        case UInt8(ascii: "{"):
            i += 1
            while try key() != nil { try skipValue() }
        case UInt8(ascii: "["):
            i += 1
            while try element() { try skipValue() }
        case nil:
            throw ScanError()
        default:
            skipScalar()
        }
    }

    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for k in 0..<range.count where b[range.lowerBound + k] != pointer[k] { return false }
        return true
    }

    private func hasPrefix(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count >= literal.utf8CodeUnitCount else { return false }
        return equals(range.lowerBound..<(range.lowerBound + literal.utf8CodeUnitCount), literal)
    }
}
