import MinutesCore
import MinutesTUI
import Testing

@Suite("Line editor")
struct LineEditorTests {
    /// A starting text with the cursor shown as "|", keys to apply, and the expected result.
    struct Case: CustomTestStringConvertible, Sendable {
        let start: String
        let keys: [Key]
        let expected: String
        var testDescription: String { "\(start) + \(keys.map(\.label)) → \(expected)" }
    }

    static func editor(_ marked: String) -> LineEditor {
        let parts = marked.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let before = String(parts[0])
        return LineEditor(text: before + (parts.count > 1 ? String(parts[1]) : ""), cursor: before.count)
    }

    static func marked(_ editor: LineEditor) -> String {
        let characters = Array(editor.text)
        return String(characters[..<editor.cursor]) + "|" + String(characters[editor.cursor...])
    }

    static let cases: [Case] = [
        Case(start: "|", keys: [.char("a"), .char("b")], expected: "ab|"),
        Case(start: "ac|", keys: [.left, .char("b")], expected: "ab|c"),
        Case(start: "|abc", keys: [.right, .right], expected: "ab|c"),
        Case(start: "ab|", keys: [.right, .right], expected: "ab|"),
        Case(start: "|ab", keys: [.left], expected: "|ab"),
        Case(start: "abc|", keys: [.home], expected: "|abc"),
        Case(start: "|abc", keys: [.end], expected: "abc|"),
        Case(start: "abc|", keys: [.ctrl("a")], expected: "|abc"),
        Case(start: "|abc", keys: [.ctrl("e")], expected: "abc|"),
        Case(start: "abc|", keys: [.ctrl("b"), .ctrl("b"), .ctrl("f")], expected: "ab|c"),
        Case(start: "abc|", keys: [.backspace], expected: "ab|"),
        Case(start: "|abc", keys: [.backspace], expected: "|abc"),
        Case(start: "a|bc", keys: [.delete], expected: "a|c"),
        Case(start: "abc|", keys: [.delete], expected: "abc|"),
        Case(start: "日本語|", keys: [.backspace], expected: "日本|"),
        Case(start: "日|本語", keys: [.delete], expected: "日|語"),
        Case(start: "cafe\u{301}|", keys: [.backspace], expected: "caf|"),
        Case(start: "cafe\u{301}|", keys: [.left], expected: "caf|e\u{301}"),
        Case(start: "x👨‍👩‍👧‍👦|", keys: [.backspace], expected: "x|"),
        Case(start: "🇫🇷🇩🇪|", keys: [.left, .backspace], expected: "|🇩🇪"),
        Case(start: "ગુજરાતી|", keys: [.backspace], expected: "ગુજરા|"),
        Case(start: "اردو|", keys: [.backspace], expected: "ارد|"),
        Case(start: "caf|", keys: [.char("e"), .char("\u{301}")], expected: "cafe\u{301}|"),
        Case(start: "one two three|", keys: [.ctrlLeft], expected: "one two |three"),
        Case(start: "one two three|", keys: [.ctrlLeft, .ctrlLeft], expected: "one |two three"),
        Case(start: "one two  |three", keys: [.alt("b")], expected: "one |two  three"),
        Case(start: "|one two", keys: [.ctrlRight], expected: "one| two"),
        Case(start: "one| two three", keys: [.alt("f")], expected: "one two| three"),
        Case(start: "one two three|", keys: [.ctrl("w")], expected: "one two |"),
        Case(start: "one two   |", keys: [.ctrl("w")], expected: "one |"),
        Case(start: "one two| three", keys: [.ctrl("w")], expected: "one | three"),
        Case(start: "one |two three", keys: [.alt("d")], expected: "one | three"),
        Case(start: "one two| three", keys: [.ctrl("u")], expected: "| three"),
        Case(start: "one two| three", keys: [.ctrl("k")], expected: "one two|"),
        Case(start: "|", keys: [.ctrl("w"), .ctrl("u"), .ctrl("k"), .backspace, .delete], expected: "|"),
        Case(start: "a|b", keys: [.paste("x\ny\r\nz\tw\u{1B}[31m")], expected: "ax y z w[31m|b"),
        Case(start: "|", keys: [.paste("日本\u{7}語")], expected: "日本語|"),
        Case(start: "日本|", keys: [.ctrl("h")], expected: "日|"),
    ]

    @Test(arguments: cases)
    func editingKeysTransformTheLine(testCase: Case) {
        var editor = Self.editor(testCase.start)
        for key in testCase.keys {
            let consumed = editor.handle(key)
            #expect(consumed, "\(key) should be consumed")
        }
        #expect(Self.marked(editor) == testCase.expected)
    }

    @Test(arguments: [Key.up, .down, .enter, .escape, .tab, .ctrl("x"), .function(1), .pageUp, .unknown])
    func nonEditingKeysAreNotConsumed(key: Key) {
        var editor = LineEditor(text: "abc")
        let consumed = editor.handle(key)
        #expect(!consumed)
        #expect(editor.text == "abc")
        #expect(editor.cursor == 3)
    }

    @Test func initClampsCursorAndCleansText() {
        #expect(LineEditor(text: "abc", cursor: 99).cursor == 3)
        #expect(LineEditor(text: "abc", cursor: -4).cursor == 0)
        #expect(LineEditor(text: "a\nb").text == "a b")
        #expect(LineEditor(text: "a\u{9B}b\u{85}c").text == "ab c")
    }

    @Test(arguments: [
        // text with cursor, width, expected visible text, expected cursor column
        ("abc|", 10, "abc", 3),
        ("|abc", 10, "abc", 0),
        ("abcdefghij|", 5, "ghij", 4),
        ("a|bcdefghij", 5, "abcde", 1),
        ("abcdefgh|ij", 5, "efghi", 4),
        ("日本語テキスト|", 5, "スト", 4),
        ("日本語テキスト|", 6, "スト", 4),
        ("日本語テキスト|", 7, "キスト", 6),
        ("|日本語", 3, "日", 0),
        ("日|本語", 3, "日", 2),
        ("日本|語", 3, "本", 2),
        ("abc|", 1, "", 0),
        ("abc|", 0, "", 0),
    ] as [(String, Int, String, Int)])
    func visibleSliceKeepsCursorInView(marked: String, width: Int, text: String, column: Int) {
        let slice = Self.editor(marked).visibleSlice(width: width)
        #expect(slice.text == text)
        #expect(slice.cursorColumn == column)
        #expect(DisplayWidth.of(slice.text) <= max(0, width))
        #expect(slice.cursorColumn < max(1, width))
    }
}
