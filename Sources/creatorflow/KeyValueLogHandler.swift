// A swift-log handler that writes one key=value line per event to stderr.

import Foundation
import Hex
import Logging

struct KeyValueLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "ts=\(Self.timestamp()) level=\(event.level) msg=\(Self.quote(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() { line += " \(key)=\(Self.quote(merged[key]!.description))" }
        line += "\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// `value` as one field of a line: bare unless it is empty or holds a space, `"`, `=` or an
    /// ASCII control character; else in double quotes, with `\` and `"` escaped and each control
    /// character written as `\n`, `\r`, `\t` or `\u00XX`, so one event is always one line.
    static func quote(_ value: String) -> String {
        let utf8 = value.utf8
        if !utf8.isEmpty, !utf8.contains(where: { isControl($0) || $0 == space || $0 == doubleQuote || $0 == equals }) {
            return value
        }
        var quoted: [UInt8] = [doubleQuote]
        quoted.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            switch byte {
            case backslash, doubleQuote: quoted += [backslash, byte]
            case UInt8(ascii: "\n"): quoted += [backslash, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): quoted += [backslash, UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): quoted += [backslash, UInt8(ascii: "t")]
            case _ where isControl(byte):
                quoted += Array("\\u00\([byte].lowercaseHex)".utf8)
            default: quoted.append(byte)
            }
        }
        quoted.append(doubleQuote)
        return String(decoding: quoted, as: UTF8.self)
    }

    private static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
    private static let space = UInt8(ascii: " ")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let equals = UInt8(ascii: "=")
    private static let backslash = UInt8(ascii: "\\")

    private static func timestamp() -> String {
        let now = Date().timeIntervalSince1970
        var seconds = time_t(now)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((now - Double(seconds)) * 1000)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(millis, 3))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
