// `creatorflow forecast replay` as the benchmark's simulator drives it: one answer line per hour on
// stdout, and every malformed line ends the run with a one-line message and exit status 1 (after
// answering the hours before it), never a silent wrong answer.

import Foundation
import Testing
import TestSupport

@Suite struct ForecastReplayTests {
    /// A two-SKU warm-up of 48 hours at 2 and 5 units/h, with flat content.
    static let history = """
        {"type":"history","skus":2,"hours":48,"lead_time_h":{"standard":72,"express":24},\
        "unit_cost":{"standard":1.0,"express":1.4},\
        "sales":[\(row(2)),\(row(5))],"views":[\(row(4000)),\(row(9000))],\
        "engagement":[\(row(0.03)),\(row(0.03))],"accel":[\(row(0)),\(row(0))],"age":[\(row(10)),\(row(10))]}
        """

    static func row(_ value: Double) -> String { "[" + Array(repeating: "\(value)", count: 48).joined(separator: ",") + "]" }

    static func hour(_ t: Int, onHand: String = "[0,2000]", sales: String = "[2,5]") -> String {
        let arrivals = "[" + Array(repeating: "0", count: 72).joined(separator: ",") + "]"
        return """
            {"type":"hour","t":\(t),"on_hand":\(onHand),"on_order":[0,0],"arrivals":[\(arrivals),\(arrivals)],\
            "sales":\(sales),"views":[4000,9000],"engagement":[0.03,0.03],"accel":[0,0],"age":[11,11]}
            """
    }

    /// Runs the replay on `lines`; returns the exit status, the answer lines and everything else printed.
    func replay(_ lines: [String]) throws -> (status: Int32, answers: [String], other: [String]) {
        let input = NSTemporaryDirectory() + "cf-replay-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let (status, output) = try run(
            "/bin/sh", ["-c", "exec \"$0\" forecast replay < \"$1\"", BuiltBinaries.path("creatorflow"), input])
        let printed = output.split(separator: "\n").map(String.init)
        return (status, printed.filter { $0.hasPrefix("{") }, printed.filter { !$0.hasPrefix("{") })
    }

    @Test func answersEveryHourWithAnOrderPerSku() throws {
        let result = try replay([Self.history, Self.hour(48), Self.hour(49), Self.hour(50)])
        #expect(result.status == 0, "\(result.other)")
        #expect(result.other.isEmpty)
        #expect(result.answers.count == 3)
        for answer in result.answers {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])
            let quantities = try #require(object["qty"] as? [Int])
            let express = try #require(object["express"] as? [Bool])
            #expect(quantities.count == 2 && express.count == 2)
            #expect(quantities.allSatisfy { $0 >= 0 })
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(result.answers[0].utf8)) as? [String: Any])
        #expect((first["qty"] as? [Int])?[0] ?? 0 > 0, "a SKU selling 2/h with nothing on hand is bought for")
        #expect((first["qty"] as? [Int])?[1] == 0, "2,000 units at 5/h cover the lead time and the cover after it")
    }

    @Test func malformedLinesEndTheRunWithAClearMessage() throws {
        let cases: [(lines: [String], message: String, answered: Int)] = [
            (["not json"], "line 1: not a JSON object", 0),
            ([Self.hour(48)], "line 1: expected the history line first, got 'hour'", 0),
            ([#"{"type":"history","skus":2,"hours":1}"#], "line 1: missing field", 0),
            ([Self.history.replacingOccurrences(of: "\"skus\":2", with: "\"skus\":3")], "history: sales has 2 rows for 3 SKUs", 0),
            ([Self.history, Self.hour(48), Self.hour(49, onHand: "[0]")], "hour 49: on_hand has 1 values for 2 SKUs", 1),
            ([Self.history, Self.hour(48, sales: "[2,-1]")], "hour 48: sales holds a negative value", 0),
            ([Self.history, Self.hour(48), #"{"type":"day"}"#], "line 3: unknown message type 'day' (expected hour)", 1),
            ([Self.history, Self.history], "line 2: a second history line", 0),
            ([Self.history, #"{"type":"hour","t":"soon"}"#], "line 2: t:", 0),
            ([], "no history line on stdin", 0),
        ]
        for (lines, message, answered) in cases {
            let result = try replay(lines)
            #expect(result.status == 1, "\(message)")
            #expect(result.other.contains { $0.hasPrefix("forecast replay: ") && $0.contains(message) }, "\(message): \(result.other)")
            #expect(result.answers.count == answered, "\(message): answers before the bad line only")
        }
    }
}
