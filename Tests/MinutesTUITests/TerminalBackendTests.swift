import Foundation
import Glibc
import MinutesTUI
import Testing

/// ncurses is global state: every test here runs one after the other, and no other suite
/// touches curses.
@Suite("Terminal backend (headless ncurses)", .serialized)
@MainActor
struct TerminalBackendTests {
    static func demoList(selected: Int, width: Int = 80, height: Int = 24) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(role: .header))
        grid.put(" minutes — Weekly sync", x: 0, y: 0, style: Style(role: .header))
        for row in 1..<(height - 1) {
            let style = row == selected ? Style(role: .selection) : Style.plain
            if row == selected { grid.fill(Rect(x: 0, y: row, width: width, height: 1), style: style) }
            grid.put(String(format: " %02d:%02d  ", 9 + row / 6, (row * 7) % 60), x: 0, y: row, style: style.with(role: row == selected ? .selection : .muted))
            grid.put("Item \(row): décision 会议 ગુજરાતી اردو 👩‍💻", x: 9, y: row, style: style)
        }
        grid.put(" q Quit  / Search  Enter Open", x: 0, y: height - 1, style: Style(role: .accent))
        return grid
    }

    @Test func paintsGridCellsIncludingWideAndCombiningCharacters() throws {
        let terminal = try TerminalBackend.headless(width: 20, height: 4)
        defer { terminal.restore() }
        #expect(terminal.width == 20)
        #expect(terminal.height == 4)
        var grid = CellGrid(width: 20, height: 4)
        grid.put("ab日本cafe\u{301}👩‍💻", x: 0, y: 1)
        grid.put("اردو ગુ", x: 2, y: 2, style: Style(role: .accent, bold: true))
        terminal.present(grid)
        #expect(terminal.paintedText(x: 0, y: 1) == "a")
        #expect(terminal.paintedText(x: 2, y: 1) == "日")
        #expect(terminal.paintedText(x: 4, y: 1) == "本")
        #expect(terminal.paintedText(x: 9, y: 1) == "e\u{301}")
        #expect(terminal.paintedText(x: 10, y: 1) == "👩", "a ZWJ sequence is sent as its first emoji: two columns in every terminal")
        #expect(terminal.paintedText(x: 12, y: 1) == " ")
        #expect(terminal.paintedText(x: 2, y: 2) == "ا")
        #expect(terminal.paintedText(x: 7, y: 2) == "ગુ")
    }

    @Test func emojiThatGlibcCountsNarrowAreDegradedWithoutShiftingTheRow() throws {
        let terminal = try TerminalBackend.headless(width: 12, height: 1)
        defer { terminal.restore() }
        var grid = CellGrid(width: 12, height: 1)
        grid.put("🇫🇷❤️x", x: 0, y: 0)
        terminal.present(grid)
        #expect(terminal.paintedText(x: 0, y: 0) == "🇫")
        #expect(terminal.paintedText(x: 1, y: 0) == "🇷")
        #expect(terminal.paintedText(x: 2, y: 0) == "❤")
        #expect(terminal.paintedText(x: 3, y: 0) == " ")
        #expect(terminal.paintedText(x: 4, y: 0) == "x")
    }

    @Test func movingTheSelectionOneRowSendsFewerThan1000Bytes() throws {
        let terminal = try TerminalBackend.headless(width: 80, height: 24)
        defer { terminal.restore() }
        terminal.present(Self.demoList(selected: 3))
        let afterFirstFrame = terminal.bytesWritten
        #expect(afterFirstFrame > 1000, "the first frame paints everything")
        terminal.present(Self.demoList(selected: 4))
        let delta = terminal.bytesWritten - afterFirstFrame
        #expect(delta > 0)
        #expect(delta < 1000, "sent \(delta) bytes")
        #expect(terminal.paintedText(x: 9, y: 4) == "I")
    }

    @Test func presentingTheSameFrameAgainSendsAlmostNothing() throws {
        let terminal = try TerminalBackend.headless(width: 80, height: 24)
        defer { terminal.restore() }
        let grid = Self.demoList(selected: 5)
        terminal.present(grid)
        let before = terminal.bytesWritten
        terminal.present(grid)
        #expect(terminal.bytesWritten - before < 16)
    }

    @Test(arguments: ["xterm-256color", "screen-256color", "linux", "vt100"])
    func worksWithCommonTerminalTypes(term: String) throws {
        let terminal = try TerminalBackend.headless(width: 40, height: 10, term: term)
        defer { terminal.restore() }
        #expect(terminal.isMonochrome == (term == "vt100"))
        terminal.present(Self.demoList(selected: 2, width: 40, height: 10), cursor: (x: 3, y: 9))
        #expect(terminal.paintedText(x: 9, y: 2) == "I")
        terminal.feedInput("\u{1B}[1;5D")
        #expect(terminal.nextKey(timeoutMilliseconds: 1000) == .ctrlLeft)
    }

    @Test func unknownTerminalTypeIsAnError() {
        #expect(throws: TerminalBackendError.unknownTerminal("no-such-terminal-xyz")) {
            _ = try TerminalBackend.headless(width: 10, height: 5, term: "no-such-terminal-xyz")
        }
    }

    @Test func monochromeCanBeForced() throws {
        let terminal = try TerminalBackend.headless(width: 10, height: 2, monochrome: true)
        defer { terminal.restore() }
        #expect(terminal.isMonochrome)
        var grid = CellGrid(width: 10, height: 2)
        grid.put("sel", x: 0, y: 0, style: Style(role: .selection))
        terminal.present(grid)
        #expect(terminal.paintedText(x: 0, y: 0) == "s")
    }

    @Test(arguments: [
        ("a", Key.char("a")),
        ("é", .char("é")),
        ("e\u{301}", .char("e\u{301}")),
        ("👩‍💻", .char("👩‍💻")),
        ("\r", .enter),
        ("\n", .enter),
        ("\t", .tab),
        ("\u{7F}", .backspace),
        ("\u{8}", .backspace),
        ("\u{17}", .ctrl("w")),
        ("\u{1}", .ctrl("a")),
        ("\u{1B}[Z", .backTab),
        ("\u{1B}OA", .up),
        ("\u{1B}OB", .down),
        ("\u{1B}OC", .right),
        ("\u{1B}OD", .left),
        ("\u{1B}OH", .home),
        ("\u{1B}OF", .end),
        ("\u{1B}[5~", .pageUp),
        ("\u{1B}[6~", .pageDown),
        ("\u{1B}[3~", .delete),
        ("\u{1B}OP", .function(1)),
        ("\u{1B}[15~", .function(5)),
        ("\u{1B}[1;5D", .ctrlLeft),
        ("\u{1B}[1;5C", .ctrlRight),
        ("\u{1B}b", .alt("b")),
        ("\u{1B}f", .alt("f")),
        ("\u{1B}", .escape),
        ("\u{1B}[99;99~", .unknown),
        ("\u{1B}[200~hello\nworld \u{1B}[31m!\u{1B}[201~", .paste("hello\nworld \u{1B}[31m!")),  // raw: callers sanitize
        ("\u{1B}[200~\u{1B}[201~", .paste("")),
    ] as [(String, Key)])
    func decodesKeysFromTerminalBytes(bytes: String, expected: Key) throws {
        let terminal = try TerminalBackend.headless(width: 20, height: 5)
        defer { terminal.restore() }
        terminal.feedInput(bytes)
        #expect(terminal.nextKey(timeoutMilliseconds: 1000) == expected)
        #expect(terminal.nextKey(timeoutMilliseconds: 0) == nil, "nothing left over")
    }

    @Test func typedTextArrivesInOrder() throws {
        let terminal = try TerminalBackend.headless(width: 20, height: 5)
        defer { terminal.restore() }
        terminal.feedInput("ab日\u{1B}OA\rc")
        var keys: [Key] = []
        while let key = terminal.nextKey(timeoutMilliseconds: 50) { keys.append(key) }
        #expect(keys == [.char("a"), .char("b"), .char("日"), .up, .enter, .char("c")])
    }

    @Test func resizeIsReportedAndRepaintsEverything() throws {
        let terminal = try TerminalBackend.headless(width: 20, height: 5)
        defer { terminal.restore() }
        var small = CellGrid(width: 20, height: 5)
        small.put("before", x: 0, y: 0)
        terminal.present(small)
        terminal.simulateResize(width: 30, height: 6)
        #expect(terminal.nextKey(timeoutMilliseconds: 1000) == .resize(width: 30, height: 6))
        #expect(terminal.width == 30)
        #expect(terminal.height == 6)
        var large = CellGrid(width: 30, height: 6)
        large.put("after", x: 25, y: 5)
        terminal.present(large)
        #expect(terminal.paintedText(x: 25, y: 5) == "a")
        #expect(terminal.paintedText(x: 0, y: 0) == " ")
    }

    @Test func lostTerminalBecomesHangupWithoutSpinning() throws {
        let terminal = try TerminalBackend.headless(width: 10, height: 3)
        defer { terminal.restore() }
        #expect(terminal.pendingSignal == nil)
        terminal.closeInput()
        for _ in 0..<3 { #expect(terminal.nextKey(timeoutMilliseconds: 10) == nil) }
        #expect(terminal.pendingSignal == .hangup)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(terminal.nextKey(timeoutMilliseconds: 30) == nil)
        #expect(clock.now - start >= .milliseconds(25), "waits out the timeout instead of spinning")
    }

    @Test func signalHandlersOnlyRecordTheSignal() throws {
        let terminal = try TerminalBackend.headless(width: 10, height: 3, handleSignals: true)
        defer { terminal.restore() }
        #expect(terminal.pendingSignal == nil)
        // The test runner blocks these signals on its threads; unblock them on this one so
        // raise() runs the handler synchronously.
        var signals = sigset_t()
        var previousMask = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGHUP)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, &previousMask)
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
        raise(SIGHUP)
        #expect(terminal.pendingSignal == .hangup)
        raise(SIGTERM)
        #expect(terminal.pendingSignal == .terminate)
        raise(SIGINT)
        #expect(terminal.pendingSignal == .interrupt)
    }

    @Test func restoreIsIdempotentAndEndsTheSession() throws {
        let terminal = try TerminalBackend.headless(width: 10, height: 3)
        terminal.restore()
        terminal.restore()
        terminal.present(CellGrid(width: 10, height: 3))
        #expect(terminal.nextKey(timeoutMilliseconds: 0) == nil)
        #expect(terminal.paintedText(x: 0, y: 0) == nil)
    }
}
