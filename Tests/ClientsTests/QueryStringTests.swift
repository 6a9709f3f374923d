// QueryString's percent-encoding against Foundation's: the same bytes for every kind of character
// (unreserved, reserved, spaces, controls, multi-byte UTF-8), and the pairs joined in order.

import Clients
import Foundation
import Testing

@Suite struct QueryStringTests {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static let samples = [
        "", "abcXYZ019-._~", "a b", "a+b=c&d", "/path?x#y", "100%", "\u{1}\t\n\u{7f}", "émoji 🚚 über", "日本語",
        "ROW2VCX4M5JJTGBZ,7494", "{\"ids\":[\"1\"]}", "!*'();:@&=+$,/?#[]",
    ]

    @Test func escapesEachComponentAsFoundationDoes() {
        for text in Self.samples {
            let foundation = text.addingPercentEncoding(withAllowedCharacters: Self.unreserved)
            #expect(QueryString.escape(text) == foundation, "\(text)")
        }
    }

    @Test func joinsEscapedPairsInOrder() {
        #expect(QueryString.encode([]) == "")
        #expect(
            QueryString.encode([("app_key", "k 1"), ("ids", "a,b"), ("shop_cipher", "ROW_x~y"), ("e", "")])
                == "app_key=k%201&ids=a%2Cb&shop_cipher=ROW_x~y&e=")
        #expect(QueryString.encode([("ü", "€")]) == "%C3%BC=%E2%82%AC")
    }
}
