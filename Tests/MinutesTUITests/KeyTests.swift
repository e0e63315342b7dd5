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
