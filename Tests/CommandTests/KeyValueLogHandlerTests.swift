// The command's log lines: a field is bare when it can be, quoted and escaped when it must be, and
// no value can end a line or start another one.

import Testing

@testable import creatorflow

@Suite struct KeyValueLogHandlerTests {
    @Test func plainValuesStayBare() {
        #expect(KeyValueLogHandler.quote("order-123") == "order-123")
        #expect(KeyValueLogHandler.quote(#"C:\path"#) == #"C:\path"#)
        #expect(KeyValueLogHandler.quote("café") == "café")
    }

    @Test func emptyAndSpacedValuesAreQuoted() {
        #expect(KeyValueLogHandler.quote("") == #""""#)
        #expect(KeyValueLogHandler.quote("webhook stored") == #""webhook stored""#)
        #expect(KeyValueLogHandler.quote("a=b") == #""a=b""#)
        #expect(KeyValueLogHandler.quote("café au lait") == #""café au lait""#)
    }

    @Test func quotesAndBackslashesAreEscaped() {
        #expect(KeyValueLogHandler.quote(#"say "hi""#) == #""say \"hi\"""#)
        #expect(KeyValueLogHandler.quote(#"a\ b"#) == #""a\\ b""#)
    }

    @Test func controlCharactersNeverReachTheLine() {
        #expect(KeyValueLogHandler.quote("one\ntwo") == #""one\ntwo""#)
        #expect(KeyValueLogHandler.quote("one\rtwo") == #""one\rtwo""#)
        #expect(KeyValueLogHandler.quote("one\r\ntwo") == #""one\r\ntwo""#)
        #expect(KeyValueLogHandler.quote("a\tb") == #""a\tb""#)
        #expect(KeyValueLogHandler.quote("bell\u{07}del\u{7F}") == #""bell\u0007del\u007f""#)
        for byte in UInt8(0)..<0x20 {
            let quoted = KeyValueLogHandler.quote("x" + String(UnicodeScalar(byte)) + "y")
            #expect(!quoted.utf8.contains(where: { $0 < 0x20 }), "control byte \(byte) written raw: \(quoted)")
        }
    }
}
