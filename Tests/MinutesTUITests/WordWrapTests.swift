import MinutesCore
import MinutesTUI
import Testing

@Suite("Word wrap")
struct WordWrapTests {
    @Test(arguments: [
        ("the quick brown fox", 10, ["the quick", "brown fox"]),
        ("the quick brown fox", 19, ["the quick brown fox"]),
        ("the quick brown fox", 3, ["the", "qui", "ck", "bro", "wn", "fox"]),
        ("a  b   c", 4, ["a  b", "c"]),
        ("   indented line", 20, ["   indented line"]),
        ("trailing   ", 20, ["trailing"]),
        ("", 5, [""]),
        ("one\ntwo", 10, ["one", "two"]),
        ("one\n\nthree", 10, ["one", "", "three"]),
        ("crlf\r\nnext", 10, ["crlf", "next"]),
        ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),
        ("hi supercalifragilistic", 8, ["hi", "supercal", "ifragili", "stic"]),
        ("日本語のテキスト", 5, ["日本", "語の", "テキ", "スト"]),
        ("日本 語", 4, ["日本", "語"]),
        ("👩‍💻👩‍💻👩‍💻", 4, ["👩‍💻👩‍💻", "👩‍💻"]),
        ("cafe\u{301} cafe\u{301}", 4, ["cafe\u{301}", "cafe\u{301}"]),
        ("میٹنگ کے نکات", 6, ["میٹنگ", "کے", "نکات"]),
        ("日", 1, ["日"]),
    ] as [(String, Int, [String])])
    func wrapsAtSpacesAndHardBreaksLongWords(text: String, width: Int, expected: [String]) {
        #expect(WordWrap.wrap(text, width: width) == expected)
    }

    @Test func zeroWidthGivesNoLines() {
        #expect(WordWrap.wrap("abc", width: 0).isEmpty)
        #expect(WordWrap.wrap("abc", width: -1).isEmpty)
    }

    @Test func noLineIsWiderThanTheLimitAndNoWordIsLost() {
        let text = "Minutes of the Tuesday meeting: اردو میں نوٹس, ગુજરાતી લખાણ, 会议纪要 and 👩‍💻 actions for everyone, including verylongwordsthatmustbreak."
        for width in 2...40 {
            let lines = WordWrap.wrap(text, width: width)
            for line in lines {
                #expect(DisplayWidth.of(line) <= width, "width \(width): \(line)")
            }
            let withoutSpaces = text.split(separator: " ").joined()
            #expect(lines.joined().split(separator: " ").joined() == withoutSpaces, "width \(width)")
        }
    }
}
