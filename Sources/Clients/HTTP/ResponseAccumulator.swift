// Collects what libcurl's write and header callbacks hand over during one transfer. Header lines
// restart at every status line, so only the final response's fields survive 1xx answers. Lines
// are split and trimmed on their bytes: Foundation's `trimmingCharacters(in:)` cost about 4 % of
// a worker's CPU here.

import Foundation

/// The body and header lines of the transfer in progress.
final class ResponseAccumulator {
    var body = Data()
    var headers: [(name: String, value: String)] = []

    /// Takes one raw header line (`Name: value\r\n`, a status line, or the blank last line).
    func appendHeaderLine(_ line: UnsafeRawBufferPointer) {
        let bytes = line.bindMemory(to: UInt8.self)
        if bytes.starts(with: Self.statusPrefix) {
            headers.removeAll()
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = Self.trimmed(bytes, 0, colon)
        let value = Self.trimmed(bytes, colon + 1, bytes.count)
        guard !name.isEmpty else { return }
        headers.append((name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    private static let statusPrefix = Array("HTTP/".utf8)

    /// `bytes[start..<end]` without leading and trailing spaces, tabs, CRs and LFs.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> UnsafeBufferPointer<UInt8>.SubSequence
    {
        var lower = start
        var upper = end
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
