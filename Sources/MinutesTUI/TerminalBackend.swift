import MinutesCore
import CNcursesw

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a terminal session could not start.
public enum TerminalBackendError: Error, Equatable, Sendable {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses does not know the terminal type (`TERM`).
    case unknownTerminal(String)
    /// The streams for a headless session could not be created.
    case couldNotCreateStreams
}

/// The one place that talks to the terminal: ncursesw setup, key decoding, painting and
/// restoring the terminal. No other file in the project imports `CNcursesw`.
///
/// Why one class: ncurses is global, stateful C; keeping it behind one `@MainActor` object
/// makes the rest of the app pure Swift that renders into a `CellGrid` and reacts to `Key`s.
///
/// `TerminalApp` is its run loop: `nextKey` until a key or a timeout, `present` a grid,
/// `pendingSignal` after each key, `restore()` at the end (docs/architecture.md).
@MainActor
public final class TerminalBackend {
    /// A request to stop, recorded by a signal handler or by the key reader.
    public enum Signal: Hashable, Sendable {
        /// SIGINT.
        case interrupt
        /// SIGTERM.
        case terminate
        /// SIGHUP, or the terminal is gone (its input reports end of file).
        case hangup
    }

    /// Number of columns of the terminal.
    public private(set) var width: Int
    /// Number of rows of the terminal.
    public private(set) var height: Int
    /// Whether colours are off (no colour support, or `NO_COLOR` set): roles are then shown
    /// with bold, reverse, underline and dim only.
    public private(set) var isMonochrome: Bool

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputDescriptor: Int32
    private let ownedFiles: [UnsafeMutablePointer<FILE>]
    private let outputFile: UnsafeMutablePointer<FILE>?
    private var feedDescriptor: Int32
    private let handlesSignals: Bool
    private var active = true
    private var lastGrid: CellGrid?
    private var cursorVisible: Int32 = -1
    private var pendingKeys: [Key] = []
    private var endOfFileCount = 0
    private var hungUp = false
    private var pasteStartCode: Int32 = 0
    private var pasteEndCode: Int32 = 0
    private var ctrlLeftCodes: Set<Int32> = []
    private var ctrlRightCodes: Set<Int32> = []
    private var roleAttributes: [ColorRole: attr_t] = [:]
    private var rolePairs: [ColorRole: Int32] = [:]
    private let unicodeOutput: Bool

    // MARK: - Starting and stopping

    /// Takes over the real terminal (standard input and output) for a full-screen session.
    ///
    /// Sets the locale from the environment (falling back to C.UTF-8 for the character type
    /// when it is not UTF-8), starts ncurses with `newterm` (which, unlike `initscr`, reports
    /// an unknown `TERM` instead of exiting), and switches to raw, no-echo, keypad mode with
    /// a 25 ms Escape delay, colours (unless `NO_COLOR`) and bracketed paste. Installs
    /// handlers for SIGINT, SIGTERM and SIGHUP that only record the signal: poll
    /// `pendingSignal`. Call `restore()` before exiting.
    public convenience init() throws {
        setlocale(LC_ALL, "")
        if minutes_codeset_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalBackendError.notATerminal
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        minutes_signal_handlers(1)
        guard let screen = newterm(nil, minutes_stdout(), minutes_stdin()) else {
            minutes_signal_handlers(0)
            throw TerminalBackendError.unknownTerminal(term)
        }
        self.init(
            screen: screen, inputDescriptor: STDIN_FILENO, ownedFiles: [], outputFile: nil,
            feedDescriptor: -1, handlesSignals: true, monochrome: noColor, size: nil)
    }

    /// Creates an off-screen session for tests: ncurses writes to a temporary file (see
    /// `bytesWritten`) and reads keys from a pipe you fill with `feedInput(_:)`. Switches
    /// `LC_CTYPE` to C.UTF-8 when the process locale is not UTF-8.
    ///
    /// ncurses is global state: tests using this must be serialized and must not overlap
    /// with other curses tests. Always call `restore()` at the end.
    /// - Parameters:
    ///   - term: the terminal type to emulate, e.g. "xterm-256color", "screen-256color",
    ///     "linux", "vt100".
    ///   - monochrome: force the monochrome fallback even if the terminal has colours.
    ///   - handleSignals: install the signal handlers as the real session does.
    public static func headless(
        width: Int, height: Int, term: String = "xterm-256color", monochrome: Bool = false,
        handleSignals: Bool = false
    ) throws -> TerminalBackend {
        if minutes_codeset_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        var pipeEnds: [Int32] = [-1, -1]
        guard let output = tmpfile(), pipe(&pipeEnds) == 0,
            let input = fdopen(pipeEnds[0], "r")
        else { throw TerminalBackendError.couldNotCreateStreams }
        if handleSignals { minutes_signal_handlers(1) }
        guard let screen = newterm(term, output, input) else {
            if handleSignals { minutes_signal_handlers(0) }
            fclose(input)
            fclose(output)
            close(pipeEnds[1])
            throw TerminalBackendError.unknownTerminal(term)
        }
        return TerminalBackend(
            screen: screen, inputDescriptor: pipeEnds[0], ownedFiles: [input, output],
            outputFile: output, feedDescriptor: pipeEnds[1], handlesSignals: handleSignals,
            monochrome: monochrome, size: (max(1, width), max(1, height)))
    }

    /// Writes a control sequence straight to the terminal, after everything ncurses has
    /// flushed (ncurses' own `putp` would go to the process's stdout, not this screen).
    private func writeToTerminal(_ sequence: String) {
        let descriptor = outputFile.map { fileno($0) } ?? STDOUT_FILENO
        if let outputFile { fflush(outputFile) }
        let bytes = Array(sequence.utf8)
        bytes.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
    }

    private init(
        screen: OpaquePointer, inputDescriptor: Int32, ownedFiles: [UnsafeMutablePointer<FILE>],
        outputFile: UnsafeMutablePointer<FILE>?, feedDescriptor: Int32, handlesSignals: Bool,
        monochrome: Bool, size: (width: Int, height: Int)?
    ) {
        self.screen = screen
        self.inputDescriptor = inputDescriptor
        self.ownedFiles = ownedFiles
        self.outputFile = outputFile
        self.feedDescriptor = feedDescriptor
        self.handlesSignals = handlesSignals
        self.unicodeOutput = minutes_codeset_is_utf8() != 0
        set_term(screen)
        if let size { resize_term(Int32(size.height), Int32(size.width)) }
        window = minutes_stdscr()
        width = Int(getmaxx(window))
        height = Int(getmaxy(window))
        raw()
        noecho()
        keypad(window, true)
        meta(window, true)
        intrflush(window, false)
        set_escdelay(25)
        isMonochrome = true
        if !monochrome, has_colors() {
            isMonochrome = !setUpColors()
        }
        setUpMonochromeAttributes()
        defineKeys()
        wrefresh(window)
        writeToTerminal("\u{1B}[?2004h")  // bracketed paste on
    }

    /// Gives the terminal back: disables bracketed paste, shows the cursor, ends curses
    /// (leaving the alternate screen) and restores the previous signal handlers.
    ///
    /// Idempotent: safe to call from several exit paths. After it, `present` does nothing and
    /// `nextKey` returns nil.
    public func restore() {
        guard active else { return }
        active = false
        writeToTerminal("\u{1B}[?2004l")  // bracketed paste off
        curs_set(1)
        endwin()
        delscreen(screen)
        if handlesSignals { minutes_signal_handlers(0) }
        for file in ownedFiles { fclose(file) }
        if feedDescriptor >= 0 {
            close(feedDescriptor)
            feedDescriptor = -1
        }
    }

    // MARK: - Signals

    /// Why the app should stop, if it should: a SIGINT, SIGTERM or SIGHUP caught since the
    /// session started, or `.hangup` when the terminal went away (input at end of file).
    ///
    /// The run loop checks this after every `nextKey`, then saves and calls `restore()`.
    public var pendingSignal: Signal? {
        switch handlesSignals ? minutes_pending_signal() : 0 {
        case SIGINT: return .interrupt
        case SIGTERM: return .terminate
        case SIGHUP: return .hangup
        default: return hungUp ? .hangup : nil
        }
    }

    // MARK: - Keys

    /// Waits up to `timeoutMilliseconds` for one key and returns it, or nil on timeout.
    ///
    /// Why a timeout: the run loop must regularly check signals and timers. When the
    /// terminal is gone (reads keep reporting end of file) this records `.hangup` in
    /// `pendingSignal` and from then on waits out the timeout, so it never spins.
    /// Decodes function keys, Alt-x (Escape then x), Ctrl-←/→, Shift-Tab, resizes
    /// (`.resize`, with `width`/`height` updated) and bracketed paste (one `.paste`, raw:
    /// sanitize it). Raw mode: Ctrl-C and Ctrl-Z arrive as `.ctrl("c")` and `.ctrl("z")`.
    public func nextKey(timeoutMilliseconds: Int = 100) -> Key? {
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        guard active else { return nil }
        let timeoutValue = Int32(clamping: max(0, timeoutMilliseconds))
        if hungUp {
            poll(nil, 0, timeoutValue)
            return nil
        }
        wtimeout(window, timeoutValue)
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES:
            endOfFileCount = 0
            return decodeKeyCode(Int32(bitPattern: value))
        case OK:
            endOfFileCount = 0
            return decodeCharacter(UInt32(value))
        default:
            noteNoInput()
            return nil
        }
    }

    /// Writes bytes into the headless session's input, as if typed (tests only; does
    /// nothing for a real terminal).
    public func feedInput(_ text: String) {
        guard feedDescriptor >= 0 else { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                write(feedDescriptor, $0.baseAddress, $0.count)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Resizes the headless session as a SIGWINCH would, so the next key is `.resize`
    /// (tests only; does nothing for a real terminal).
    public func simulateResize(width newWidth: Int, height newHeight: Int) {
        guard active, feedDescriptor >= 0 else { return }
        resize_term(Int32(max(1, newHeight)), Int32(max(1, newWidth)))
        ungetch(KEY_RESIZE)
    }

    /// Closes the headless session's input, as when the terminal goes away (tests only).
    public func closeInput() {
        guard feedDescriptor >= 0 else { return }
        close(feedDescriptor)
        feedDescriptor = -1
    }

    private func noteNoInput() {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        let trouble = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        if ready > 0, descriptor.revents & trouble != 0 {
            // ncurses got nothing although the input is "ready": end of file or an error.
            endOfFileCount += 1
            if endOfFileCount >= 3 { hungUp = true }
        } else {
            endOfFileCount = 0
        }
    }

    private func decodeCharacter(_ value: UInt32) -> Key {
        if value == 27 { return decodeEscape() }
        if value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) { return noteRepaint(KeyBurst.control(value)) }
        return readBurst(first: value)
    }

    /// Ctrl-L: the next present() paints every cell again (ncurses clears first), for a screen
    /// another program scribbled on. The app sees the key too (the help lists it).
    private func noteRepaint(_ key: Key) -> Key {
        if key == .ctrl("l") {
            lastGrid = nil
            clearok(window, true)
        }
        return key
    }

    /// A printable character and whatever else is already waiting: one `.paste` when it
    /// looks pasted (`KeyBurst`: pasted text arrives all at once, typed keys one by one), so
    /// no pasted character acts as a command key; else its keys (a cluster sent at once is one).
    private func readBurst(first: UInt32) -> Key {
        var values: [UInt32] = [first]
        var trailing: Key?
        /// Reads what arrives within `timeout` ms of the last, up to an escape (read on its own
        /// later: an Alt chord or sequence) or a decoded key code.
        func gather(_ timeout: Int32) {
            wtimeout(window, timeout)
            while trailing == nil, values.count < 1 << 20 {
                var next: wint_t = 0
                let status = wget_wch(window, &next)
                if status == OK, next != 27 { values.append(UInt32(next)); continue }
                if status == OK { unget_wch(wchar_t(next)) }
                if status == KEY_CODE_YES { trailing = decodeKeyCode(Int32(bitPattern: next)) }
                return
            }
        }
        gather(0)
        if KeyBurst.looksPasted(values) {
            gather(30)  // the rest of a paste may follow in the pipe's next chunk
            if KeyBurst.dropFinalEnter(&values) { pendingKeys.append(.enter) }
            if let trailing { pendingKeys.append(trailing) }
            return .paste(KeyBurst.text(of: values))
        }
        var keys = KeyBurst.keys(from: values).map(noteRepaint)
        if let trailing { keys.append(trailing) }
        let key = keys.removeFirst()
        pendingKeys.append(contentsOf: keys)
        return key
    }

    /// ncurses already waited the Escape delay for a known sequence; whatever follows at once
    /// is an Alt chord or a sequence ncurses does not know.
    private func decodeEscape() -> Key {
        wtimeout(window, 0)
        var next: wint_t = 0
        switch wget_wch(window, &next) {
        case KEY_CODE_YES:
            ungetch(Int32(bitPattern: next))
            return .escape
        case OK:
            break
        default:
            return .escape
        }
        switch next {
        case 10, 13:
            return .alt("\n")  // Alt-Enter: a line break inside an entry
        case 0x5B, 0x4F:  // "[" or "O": an unknown CSI or SS3 sequence
            return skipUnknownSequence(csi: next == 0x5B) ? .unknown : .alt(next == 0x5B ? "[" : "O")
        case 0x21..<0x7F, 0xA0...:
            guard let scalar = Unicode.Scalar(UInt32(next)) else { return .unknown }
            return .alt(Character(scalar))
        default:
            unget_wch(wchar_t(next))
            return .escape
        }
    }

    /// Consumes the rest of an escape sequence that is already waiting; false when nothing
    /// followed (so the keys were really Alt-[ or Alt-O).
    private func skipUnknownSequence(csi: Bool) -> Bool {
        var consumed = false
        var value: wint_t = 0
        while wget_wch(window, &value) == OK {
            consumed = true
            if !csi || (0x40...0x7E).contains(value) { break }
        }
        return consumed
    }

    private func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE:
            width = Int(getmaxx(window))
            height = Int(getmaxy(window))
            lastGrid = nil
            return .resize(width: width, height: height)
        case KEY_F0 + 1...KEY_F0 + 63: return .function(Int(code - KEY_F0))
        case pasteStartCode: return readPaste()
        default:
            if ctrlLeftCodes.contains(code) { return .ctrlLeft }
            if ctrlRightCodes.contains(code) { return .ctrlRight }
            return .unknown
        }
    }

    /// Collects a bracketed paste up to its end marker (or a pause of half a second, if the
    /// terminal never sends one); at most 1 MiB is kept.
    private func readPaste() -> Key {
        var text = String.UnicodeScalarView()
        wtimeout(window, 500)
        var value: wint_t = 0
        while true {
            let status = wget_wch(window, &value)
            if status == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code == pasteEndCode { break }
                // A resize during a paste is delivered after it; other key codes inside a
                // paste are pasted escape sequences and are dropped.
                if code == KEY_RESIZE { pendingKeys.append(decodeKeyCode(code)) }
                continue
            }
            guard status == OK else { break }
            if text.count < 1 << 20, let scalar = Unicode.Scalar(UInt32(value)) {
                text.append(scalar)
            }
        }
        return .paste(String(text))
    }

    private func defineKeys() {
        let customBase: Int32 = 0x4000
        pasteStartCode = defineKey("\u{1B}[200~", code: customBase)
        pasteEndCode = defineKey("\u{1B}[201~", code: customBase + 1)
        var next = customBase + 2
        for sequence in ["\u{1B}[1;5D", "\u{1B}[5D", "\u{1B}Od"] {
            let code = defineKey(sequence, code: next)
            if code > 0 { ctrlLeftCodes.insert(code) }
            next += 1
        }
        for sequence in ["\u{1B}[1;5C", "\u{1B}[5C", "\u{1B}Oc"] {
            let code = defineKey(sequence, code: next)
            if code > 0 { ctrlRightCodes.insert(code) }
            next += 1
        }
    }

    /// The key code ncurses returns for `sequence`: the terminal's own (from terminfo, e.g.
    /// kLFT5) when it has one, otherwise `code`, defined here. 0 when the sequence clashes.
    private func defineKey(_ sequence: String, code: Int32) -> Int32 {
        let existing = key_defined(sequence)
        if existing > 0 { return existing }
        if existing < 0 { return 0 }
        return define_key(sequence, code) == OK ? code : 0
    }

    // MARK: - Painting

    /// Paints a frame: only the cells that differ from the previously presented grid (all of
    /// them after a resize or a change of grid size), then one refresh. Places and shows the
    /// cursor at `cursor`, or hides it when nil.
    ///
    /// Why diff here too: ncurses also diffs, but skipping unchanged cells avoids converting
    /// and storing 2000 cells per frame. Cells the terminal cannot show the way the grid
    /// measured them are degraded without breaking the layout: an emoji that glibc counts as
    /// narrow (❤️, keycaps) loses its VS16 and is padded with a space, a flag is sent as its
    /// two regional indicators, an unknown scalar becomes U+FFFD.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)? = nil) {
        guard active else { return }
        let previous = lastGrid.flatMap {
            $0.width == grid.width && $0.height == grid.height ? $0 : nil
        }
        if previous == nil, grid.width < width || grid.height < height { werase(window) }
        let columns = min(grid.width, width)
        let rows = min(grid.height, height)
        for y in 0..<rows {
            for x in 0..<columns {
                guard let cell = grid.cell(x: x, y: y), !cell.isContinuation else { continue }
                if let previous, previous.cell(x: x, y: y) == cell { continue }
                paint(cell, x: x, y: y, columns: columns)
            }
        }
        if let cursor, cursor.x >= 0, cursor.x < width, cursor.y >= 0, cursor.y < height {
            setCursorVisibility(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisibility(0)
        }
        wrefresh(window)
        lastGrid = grid
    }

    /// Bytes the headless session has written to its terminal so far (0 for a real one).
    ///
    /// Lets tests check that a small change costs a small update.
    public var bytesWritten: Int {
        guard let outputFile else { return 0 }
        fflush(outputFile)
        var status = stat()
        guard fstat(fileno(outputFile), &status) == 0 else { return 0 }
        return Int(status.st_size)
    }

    /// The text ncurses holds for the cell at (x, y) (tests only): what was painted there.
    public func paintedText(x: Int, y: Int) -> String? {
        guard active else { return nil }
        var buffer = [wchar_t](repeating: 0, count: 8)
        let count = minutes_read_cell(window, Int32(y), Int32(x), &buffer, 8)
        guard count >= 0 else { return nil }
        var scalars = String.UnicodeScalarView()
        for value in buffer.prefix(Int(count)) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// glibc's `wcwidth` for a scalar in the C.UTF-8 locale (-1 for non-printable), whatever
    /// the process locale. Exposed so tests can cross-check `DisplayWidth` against it.
    public nonisolated static func libcWidth(_ scalar: Unicode.Scalar) -> Int {
        Int(minutes_wcwidth_c_utf8(wchar_t(bitPattern: scalar.value)))
    }

    private func setCursorVisibility(_ visibility: Int32) {
        guard visibility != cursorVisible else { return }
        curs_set(visibility)
        cursorVisible = visibility
    }

    private func paint(_ cell: Cell, x: Int, y: Int, columns: Int) {
        let attributes = attributes(for: cell.style)
        let pair = rolePairs[cell.style.role] ?? 0
        var pieces = TerminalCells.pieces(for: cell, unicodeOutput: unicodeOutput, maxScalars: Int(CCHARW_MAX)) { wcwidth($0) }
        if pieces.count == 1, cell.width == 2, x + 1 >= columns { pieces = [[0x20]] }
        for (offset, piece) in pieces.enumerated() where x + offset < columns {
            var character = cchar_t()
            piece.withUnsafeBufferPointer {
                _ = minutes_set_cchar(&character, $0.baseAddress, Int32($0.count), attributes, pair)
            }
            mvwadd_wch(window, Int32(y), Int32(x + offset), &character)
        }
    }

    private func attributes(for style: Style) -> attr_t {
        var result = roleAttributes[style.role] ?? 0
        if style.bold { result |= minutes_attr_bold() }
        if style.reverse { result |= minutes_attr_reverse() }
        if style.underline { result |= minutes_attr_underline() }
        if style.dim { result |= minutes_attr_dim() }
        return result
    }

    // MARK: - Colours

    /// Defines one colour pair per role; false when the terminal refuses them.
    private func setUpColors() -> Bool {
        guard start_color() == OK else { return false }
        var foreground = Int32(-1), background = Int32(-1)
        if use_default_colors() != OK {
            foreground = Int32(COLOR_WHITE)
            background = Int32(COLOR_BLACK)
        }
        let many = minutes_colors() >= 16
        let table: [(ColorRole, Int32, Int32)] = [
            (.accent, Int32(COLOR_CYAN), background),
            (.warning, Int32(COLOR_YELLOW), background),
            (.danger, Int32(COLOR_RED), background),
            (.muted, many ? 8 : foreground, background),
            (.selection, Int32(COLOR_BLACK), Int32(COLOR_CYAN)),
            (.header, Int32(COLOR_WHITE), Int32(COLOR_BLUE)),
        ]
        if foreground != -1 {
            guard init_pair(7, Int16(foreground), Int16(background)) == OK else { return false }
            rolePairs[.normal] = 7
        }
        for (index, entry) in table.enumerated() {
            let pair = Int16(index + 1)
            guard init_pair(pair, Int16(entry.1), Int16(entry.2)) == OK else { return false }
            rolePairs[entry.0] = Int32(pair)
        }
        if !many { roleAttributes[.muted] = minutes_attr_dim() }
        roleAttributes[.header] = minutes_attr_bold()
        return true
    }

    private func setUpMonochromeAttributes() {
        guard isMonochrome else { return }
        rolePairs = [:]
        roleAttributes = [
            .accent: minutes_attr_bold(),
            .warning: minutes_attr_bold(),
            .danger: minutes_attr_bold() | minutes_attr_underline(),
            .muted: minutes_attr_dim(),
            .selection: minutes_attr_reverse(),
            .header: minutes_attr_reverse() | minutes_attr_bold(),
        ]
    }
}
