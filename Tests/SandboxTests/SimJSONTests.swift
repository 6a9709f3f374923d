// The sandbox's own JSON writer: what it writes parses back to the same value, with every
// character a string can hold escaped as JSON requires, and keys in a stable order.

import Foundation
import Sandbox
import Testing

@Suite struct SimJSONTests {
    static let awkward = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul \u{00} emoji 🎉 accent é"

    @Test func writesWhatParsesBackToTheSameValue() throws {
        let value: SimJSON = [
            "string": .string(Self.awkward), "int": .int(-9_007_199_254_740_993), "double": .double(2.5),
            "true": true, "false": false, "null": nil, "empty_array": [], "empty_object": .object([:]),
            "nested": ["list": [1, "two", ["three": 3]]],
        ]
        let text = value.data
        #expect(SimJSON.parse(text) == value)
        #expect(try JSONSerialization.jsonObject(with: text) is [String: Any], "Foundation reads it as JSON too")
    }

    @Test func keysAreSortedAndOutputIsCompact() {
        let value: SimJSON = ["b": 1, "a": ["d": true, "c": nil]]
        #expect(String(decoding: value.data, as: UTF8.self) == #"{"a":{"c":null,"d":true},"b":1}"#)
    }

    @Test func controlCharactersAreEscaped() {
        let text = String(decoding: SimJSON.string("a\u{01}\n\"b").data, as: UTF8.self)
        #expect(text == #""a\u0001\n\"b""#)
    }

    @Test func nonFiniteNumbersBecomeNull() {
        #expect(String(decoding: SimJSON.array([.double(.infinity), .double(.nan)]).data, as: UTF8.self) == "[null,null]")
    }
}
