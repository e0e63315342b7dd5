import MinutesTUI
import Testing

@Suite("Cell grid")
struct CellGridTests {
    /// The grid's invariant: wide cells are followed by a continuation, and continuations
    /// only follow wide cells.
    static func expectConsistent(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid.cell(x: x, y: y)!
                if cell.width == 2 {
                    #expect(grid.cell(x: x + 1, y: y)?.isContinuation == true, "wide at \(x),\(y)", sourceLocation: sourceLocation)
                }
                if cell.isContinuation {
                    #expect(grid.cell(x: x - 1, y: y)?.width == 2, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func putWritesTextAndReturnsItsWidth() {
        var grid = CellGrid(width: 10, height: 2)
        #expect(grid.put("abc", x: 1, y: 0) == 3)
        #expect(grid.text(row: 0) == " abc")
        #expect(grid.text(row: 1) == "")
    }

    @Test func wideCharacterTakesTwoCellsWithContinuation() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.put("日本", x: 0, y: 0) == 4)
        #expect(grid.cell(x: 0, y: 0)?.text == "日")
        #expect(grid.cell(x: 0, y: 0)?.width == 2)
        #expect(grid.cell(x: 1, y: 0)?.isContinuation == true)
        #expect(grid.cell(x: 2, y: 0)?.text == "本")
        #expect(grid.text(row: 0) == "日本")
        Self.expectConsistent(grid)
    }

    @Test func wideCharacterNeverSplitsAtRightEdge() {
        var grid = CellGrid(width: 5, height: 1)
        grid.fill(grid.bounds, style: Style(role: .accent))
        let advanced = grid.put("ab日", x: 2, y: 0, style: .plain)
        #expect(advanced == 3)
        #expect(grid.text(row: 0) == "  ab")
        #expect(grid.cell(x: 4, y: 0) == .space(.plain))
        Self.expectConsistent(grid)
    }

    @Test func wideCharacterNeverSplitsAtMaxWidth() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.put("中文字", x: 0, y: 0, maxWidth: 5) == 5)
        #expect(grid.text(row: 0) == "中文")
        #expect(grid.cell(x: 4, y: 0)?.text == " ")
        #expect(grid.cell(x: 5, y: 0) == .blank)
    }

    @Test func wideCharacterCutByLeftEdgeLeavesASpace() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("xxxx", x: 0, y: 0)
        #expect(grid.put("日本", x: -1, y: 0) == 4)
        #expect(grid.text(row: 0) == " 本x")
        Self.expectConsistent(grid)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0)
        grid.put("a", x: 1, y: 0)  // right half of 日
        #expect(grid.text(row: 0) == " a本語")
        grid.put("b", x: 2, y: 0)  // left half of 本
        #expect(grid.text(row: 0) == " ab 語")
        grid.put("字", x: 3, y: 0)  // over the continuation of 本 and half of 語
        #expect(grid.text(row: 0) == " ab字")
        Self.expectConsistent(grid)
    }

    @Test func writesOutsideTheGridAreClipped() {
        var grid = CellGrid(width: 3, height: 2)
        grid.put("hello", x: 1, y: 0)
        grid.put("far", x: 10, y: 0)
        grid.put("up", x: 0, y: -1)
        grid.put("down", x: 0, y: 2)
        grid.put("left", x: -3, y: 1)
        grid.put("x", x: Int.max, y: Int.min, maxWidth: Int.max)
        grid.put("y", x: Int.min, y: 1, maxWidth: Int.max)
        #expect(grid.snapshotText() == " he\nt\n")
    }

    @Test func putOnARowOutsideStillReportsTheWidth() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.put("abc", x: 0, y: 5) == 3)
        #expect(grid.snapshotText() == "\n")
    }

    @Test func oneByOneGridClipsAndPadsWideCharacters() {
        var grid = CellGrid(width: 1, height: 1)
        #expect(grid.put("日", x: 0, y: 0) == 1)
        #expect(grid.cell(x: 0, y: 0) == .space(.plain))
        #expect(grid.put("ab", x: 0, y: 0) == 1)
        #expect(grid.text(row: 0) == "a")
        grid.fill(Rect(x: -5, y: -5, width: 50, height: 50), style: Style(bold: true))
        #expect(grid.cell(x: 0, y: 0)?.style.bold == true)
        Self.expectConsistent(grid)
    }

    @Test func zeroByZeroGridIgnoresEverything() {
        var grid = CellGrid(width: 0, height: 0)
        #expect(grid.put("abc", x: 0, y: 0) == 0)
        grid.fill(Rect(x: 0, y: 0, width: 3, height: 3))
        grid.clear()
        #expect(grid.snapshotText() == "")
        #expect(grid.cell(x: 0, y: 0) == nil)
        #expect(CellGrid(width: -4, height: 3).width == 0)
    }

    @Test func maxWidthZeroOrNegativeWritesNothing() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("abc", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(grid.put("abc", x: 0, y: 0, maxWidth: -2) == 0)
        #expect(grid.text(row: 0) == "")
    }

    @Test func combiningMarksStayInTheirCell() {
        var grid = CellGrid(width: 8, height: 1)
        #expect(grid.put("cafe\u{301}!", x: 0, y: 0) == 5)
        #expect(grid.cell(x: 3, y: 0)?.text == "e\u{301}")
        #expect(grid.cell(x: 4, y: 0)?.text == "!")
    }

    @Test func emojiSequencesAreOneWideCell() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.put("👨‍👩‍👧‍👦🇫🇷x", x: 0, y: 0) == 5)
        #expect(grid.cell(x: 0, y: 0)?.text == "👨‍👩‍👧‍👦")
        #expect(grid.cell(x: 2, y: 0)?.text == "🇫🇷")
        #expect(grid.cell(x: 4, y: 0)?.text == "x")
        Self.expectConsistent(grid)
    }

    @Test func conjunctIsSplitIntoTerminalCells() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("क्ष", x: 0, y: 0) == 2)
        #expect(grid.cell(x: 0, y: 0)?.text == "क्")
        #expect(grid.cell(x: 1, y: 0)?.text == "ष")
        #expect(grid.text(row: 0) == "क्ष")
    }

    @Test func controlsAndInvisibleFormatCharactersAreNotDrawn() {
        var grid = CellGrid(width: 20, height: 1)
        #expect(grid.put("a\u{1B}[31mb\u{202E}c\u{200B}d\r", x: 0, y: 0) == 8)
        #expect(grid.text(row: 0) == "a[31mbcd")
    }

    @Test func loneCombiningMarkIsDrawnOnADottedCircle() {
        var grid = CellGrid(width: 3, height: 1)
        #expect(grid.put("\u{301}", x: 0, y: 0) == 1)
        #expect(grid.cell(x: 0, y: 0)?.text == "\u{25CC}\u{301}")
    }

    @Test func fillPaintsTheClippedRectAndKeepsWideCharactersWhole() {
        var grid = CellGrid(width: 6, height: 3)
        grid.put("日本語", x: 0, y: 1)
        grid.fill(Rect(x: 3, y: 1, width: 10, height: 1), style: Style(role: .selection))
        #expect(grid.text(row: 1) == "日")
        #expect(grid.cell(x: 2, y: 1)?.style == .plain)  // left half of 本 became a plain space
        #expect(grid.cell(x: 5, y: 1)?.style.role == .selection)
        Self.expectConsistent(grid)
    }

    @Test func snapshotTextTrimsTrailingSpacesOnly() {
        var grid = CellGrid(width: 8, height: 2)
        grid.put(" a b  ", x: 0, y: 0)
        grid.put("x", x: 7, y: 1)
        #expect(grid.snapshotText() == " a b\n       x\n")
    }

    @Test func randomWritesKeepTheInvariant() {
        var generator = SplitMix64(seed: 42)
        let samples = ["日本", "a", "👩‍💻", "é", "क्ष", "  ", "🇫🇷", "ab日c", "\u{301}", "한"]
        var grid = CellGrid(width: 7, height: 3)
        for _ in 0..<2000 {
            let text = samples[Int(generator.next() % UInt64(samples.count))]
            let x = Int(generator.next() % 11) - 2
            let y = Int(generator.next() % 4)
            if generator.next() % 5 == 0 {
                grid.fill(Rect(x: x, y: y, width: Int(generator.next() % 4), height: 1), style: Style(bold: true))
            } else {
                grid.put(text, x: x, y: y, maxWidth: Int(generator.next() % 6))
            }
        }
        Self.expectConsistent(grid)
    }
}

/// SplitMix64: a tiny deterministic random generator, so the fuzz tests of this target can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
