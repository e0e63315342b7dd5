import MinutesTUI
import Testing

@Suite("Keys")
struct KeyTests {
    @Test(arguments: [
        (Key.ctrl("w"), "^W"),
        (.tab, "Tab"),
        (.backTab, "S-Tab"),
        (.left, "←"),
        (.right, "→"),
        (.up, "↑"),
        (.down, "↓"),
        (.enter, "Enter"),
        (.escape, "Esc"),
        (.alt("b"), "M-b"),
        (.function(1), "F1"),
        (.char("q"), "q"),
        (.char(" "), "Space"),
        (.ctrlLeft, "^←"),
        (.pageDown, "PgDn"),
        (.paste("x"), "Paste"),
        (.resize(width: 80, height: 24), "Resize"),
    ] as [(Key, String)])
    func labelIsShortAndReadable(key: Key, label: String) {
        #expect(key.label == label)
        #expect("\(key)" == label)
    }

    @Test func keysAreHashable() {
        let bindings: [Key: String] = [.ctrl("w"): "delete word", .function(2): "rename"]
        #expect(bindings[.ctrl("w")] == "delete word")
        #expect(bindings[.ctrl("x")] == nil)
        #expect(Key.paste("a") != Key.paste("b"))
    }
}

/// Telling a paste from typing when the terminal does not bracket pastes.
@Suite struct KeyBurstTests {
    static func values(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test func longOrMultiLineBurstsArePastesAndShortOnesAreKeys() {
        #expect(KeyBurst.looksPasted(Self.values("Hall booked\nx\nu")))
        #expect(KeyBurst.looksPasted(Self.values("sixteen letters!")))
        #expect(!KeyBurst.looksPasted(Self.values("jj")), "keys queued while the app painted")
        #expect(!KeyBurst.looksPasted(Self.values("e\u{301}")))
        #expect(!KeyBurst.looksPasted(Self.values("ok\r")), "a short word and Enter")
    }

    @Test func aLineThenEnterKeepsTheEnterAsAKey() {
        var one = Self.values("Directory printed for the team\r")
        #expect(KeyBurst.dropFinalEnter(&one))
        #expect(KeyBurst.text(of: one) == "Directory printed for the team")
        var two = Self.values("first\nsecond\n")
        #expect(!KeyBurst.dropFinalEnter(&two), "a pasted block keeps its last line break")
        #expect(KeyBurst.text(of: Self.values("a\r\nb\rc\td\u{7}")) == "a\nb\nc\td")
    }

    @Test func shortBurstsSplitIntoKeysWithClustersWhole() {
        #expect(KeyBurst.keys(from: Self.values("ae\u{301}\r\u{17}")) == [.char("a"), .char("e\u{301}"), .enter, .ctrl("w")])
    }
}
