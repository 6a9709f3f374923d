// `creatorflow forecast replay`: the stock-out benchmark's policy process. It runs the planner the
// `reorder` job runs, fed from the benchmark's hourly observations instead of PostgreSQL.

import ArgumentParser
import Foundation

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "The demand forecast and reorder planner, outside the fleet.",
        subcommands: [Replay.self])

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Speak the viral benchmark's JSON-lines protocol on stdin/stdout (shared/viral/README.md).",
            discussion: """
                Reads one `history` line, then one `hour` line per simulated hour, and answers each hour
                with one {"qty":[…],"express":[…]} line. A malformed line ends the run with a message on
                stderr and exit status 1.
                """)

        @Flag(help: "Plan from sales alone, as for a shop without analytics.")
        var salesOnly = false

        func run() throws {
            do {
                try replay()
            } catch let error as ReplayError {
                FileHandle.standardError.write(Data("forecast replay: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }

        private func replay() throws {
            var input = ReplayInput()
            guard let (first, data) = try input.next() else { throw ReplayError("no history line on stdin") }
            guard first == "history" else {
                throw ReplayError("line \(input.lineNumber): expected the history line first, got '\(first)'")
            }
            let history = try input.decode(ReplayHistory.self, data)
            try history.validate()
            var session = ReplaySession(history: history, useContent: !salesOnly)
            let encoder = JSONEncoder()
            while let (type, data) = try input.next() {
                guard type == "hour" else {
                    throw ReplayError(
                        type == "history"
                            ? "line \(input.lineNumber): a second history line"
                            : "line \(input.lineNumber): unknown message type '\(type)' (expected hour)")
                }
                let hour = try input.decode(ReplayHour.self, data)
                try hour.validate(skus: session.skus)
                var answer = try encoder.encode(session.plan(hour))
                answer.append(UInt8(ascii: "\n"))
                FileHandle.standardOutput.write(answer)
            }
        }
    }
}

/// Protocol lines from stdin, each with its message type; blank lines are skipped.
struct ReplayInput {
    private(set) var lineNumber = 0
    private let decoder = JSONDecoder()

    /// The next line's type and bytes; nil at the end of input.
    mutating func next() throws -> (type: String, data: Data)? {
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let data = Data(line.utf8)
            return (try decode(ReplayEnvelope.self, data).type, data)
        }
        return nil
    }

    /// Decodes the current line as `type`, or says in one line what is wrong with it.
    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw ReplayError("line \(lineNumber): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .dataCorrupted: return "not a JSON object"
        case .keyNotFound(let key, let context): return "missing field \(path(context)).\(key.stringValue)".replacingOccurrences(of: "field .", with: "field ")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context).drop { $0 == "." }): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
