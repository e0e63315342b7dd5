import MinutesCore
/// The model of a one-line text input: text plus a cursor, edited by keys.
///
/// Why a pure value type: the input line (new item, search, rename) must behave the same
/// everywhere and be testable without a terminal; views only ask it for `visibleSlice`.
/// The cursor counts grapheme clusters, so arrows, Backspace and Delete step over a whole
/// wide character, emoji sequence, or letter with its combining marks at once.
///
/// Bindings (`handle`): ←/→ and ^B/^F by character; ^←/^→ and M-b/M-f by word (words are
/// separated by whitespace); Home/End and ^A/^E; Backspace (and ^H) and Delete; ^W deletes
/// the word before the cursor, M-d the word after it; ^U deletes to the start, ^K to the end.
/// Inserted text (typed or pasted) is cleaned: tabs become spaces, line breaks too unless
/// the editor is `multiline` (an entry's sub-points), and other control characters are removed.
///
/// Editing costs time in proportion to what changed, not to the whole text: only the
/// clusters either side of an edit are segmented again, so a 1 MB paste, or the same text
/// arriving key by key, takes linear time.
public struct LineEditor: Hashable, Sendable {
    private var characters: [Character]
    /// The cursor position, in grapheme clusters from the start (0...count).
    public private(set) var cursor: Int
    /// Whether line breaks are kept (Alt-Enter types one).
    public let multiline: Bool
    /// The text was put there for the user (a current owner, a date) and is shown selected:
    /// the first character typed replaces it, an editing key keeps it and edits it.
    public var isPrefilled = false

    /// Creates an editor holding `text` (cleaned like inserted text), with the cursor at
    /// `cursor` (clamped), or at the end when nil.
    public init(text: String = "", cursor: Int? = nil, multiline: Bool = false) {
        self.multiline = multiline
        characters = Array(LineEditor.clean(text, keepingLineBreaks: multiline))
        self.cursor = min(max(0, cursor ?? characters.count), characters.count)
    }

    /// The number of grapheme clusters.
    public var count: Int { characters.count }

    /// The current text.
    public var text: String { String(characters) }

    /// Whether the text is empty.
    public var isEmpty: Bool { characters.isEmpty }

    // MARK: - Editing

    /// Inserts text at the cursor and moves the cursor after it.
    public mutating func insert(_ newText: String) {
        let cleaned = LineEditor.clean(newText, keepingLineBreaks: multiline)
        guard !cleaned.isEmpty else { return }
        // The new text may join the clusters either side (an accent after a letter, a second
        // regional indicator): segment just those again.
        let lo = max(0, cursor - 1), hi = min(characters.count, cursor + 1)
        let before = String(characters[lo..<cursor]) + cleaned
        let merged = Array(before + String(characters[cursor..<hi]))
        characters.replaceSubrange(lo..<hi, with: merged)
        cursor = lo + min(before.count, merged.count)
    }

    /// Inserts a line break (multi-line editors only): the next line may start "- " for a sub-point.
    public mutating func insertLineBreak() {
        guard multiline else { return }
        insert("\n")
    }

    /// Replaces the whole text and puts the cursor at the end.
    public mutating func setText(_ newText: String) {
        self = LineEditor(text: newText, multiline: multiline)
    }

    /// Moves one grapheme cluster left.
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves one grapheme cluster right.
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Moves to the start of the line.
    public mutating func moveToStart() { cursor = 0 }
    /// Moves to the end of the line.
    public mutating func moveToEnd() { cursor = characters.count }
    /// Moves to the start of the word before the cursor.
    public mutating func moveWordLeft() { cursor = wordStartBeforeCursor }
    /// Moves to the end of the word after the cursor.
    public mutating func moveWordRight() { cursor = wordEndAfterCursor }

    /// Deletes the grapheme cluster before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        remove(cursor - 1..<cursor)
    }

    /// Deletes the grapheme cluster at the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        remove(cursor..<cursor + 1)
    }

    /// Deletes the word before the cursor, and the spaces between it and the cursor (^W).
    public mutating func deleteWordBackward() { remove(wordStartBeforeCursor..<cursor) }
    /// Deletes from the cursor to the end of the next word (M-d).
    public mutating func deleteWordForward() { remove(cursor..<wordEndAfterCursor) }
    /// Deletes everything before the cursor (^U).
    public mutating func deleteToStart() { remove(0..<cursor) }
    /// Deletes everything from the cursor on (^K).
    public mutating func deleteToEnd() { remove(cursor..<characters.count) }

    /// Applies an editing key; returns true when the key belongs to the editor (even if it
    /// changed nothing, like ← at the start), false when the caller should handle it.
    public mutating func handle(_ key: Key) -> Bool {
        if isPrefilled {
            isPrefilled = false
            switch key {
            case .char, .paste:
                // Typing over a pre-filled value replaces it, as over selected text.
                characters = []
                cursor = 0
            default: break
            }
        }
        switch key {
        case .alt("\n"): insertLineBreak()
        case .char(let character): insert(String(character))
        case .paste(let pasted): insert(pasted)
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .ctrlLeft, .alt("b"): moveWordLeft()
        case .ctrlRight, .alt("f"): moveWordRight()
        case .home, .ctrl("a"): moveToStart()
        case .end, .ctrl("e"): moveToEnd()
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete: deleteForward()
        case .ctrl("w"): deleteWordBackward()
        case .alt("d"): deleteWordForward()
        case .ctrl("u"): deleteToStart()
        case .ctrl("k"): deleteToEnd()
        default: return false
        }
        return true
    }

    // MARK: - Display

    /// The part of the text to show in a field `width` columns wide, and the column of the
    /// cursor in it; scrolls horizontally so the cursor is always visible.
    ///
    /// Shows the text from its start while the cursor fits; beyond that the cursor stays in
    /// the last column and the text scrolls left under it. A wide character never straddles
    /// the edge: the slice stops before it. The cursor column is always below `width`.
    public func visibleSlice(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { DisplayWidth.of($0) }
        var start = 0
        var beforeCursor = widths[..<cursor].reduce(0, +)
        while beforeCursor > width - 1, start < cursor {
            beforeCursor -= widths[start]
            start += 1
        }
        var slice = ""
        var used = 0
        for index in start..<characters.count {
            if used + widths[index] > width { break }
            slice.append(characters[index])
            used += widths[index]
        }
        return (slice, beforeCursor)
    }

    /// The text wrapped into rows of at most `width` columns (breaking after a space when it
    /// can, and at line breaks), as many as `maxRows` around the cursor: the rows, the
    /// cursor's row and column in them, and whether rows are hidden above.
    ///
    /// Only the text near the cursor is wrapped (its paragraph, or the last screenfuls of a
    /// very long one), so a frame costs the same for a 1 MB paste as for a word.
    public func rows(width: Int, maxRows: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int, hiddenAbove: Bool) {
        guard width > 0, maxRows > 0 else { return ([""], 0, 0, false) }
        let reach = width * maxRows * 4
        var start = 0
        if cursor > reach {
            // Far into a long text: begin at the first line break of the last few screenfuls,
            // or, inside one long paragraph, at a row boundary of our own choosing.
            start = cursor - reach
            if let br = characters[start..<cursor].firstIndex(of: "\n") { start = br + 1 }
        }
        var rows: [(Int, Int)] = []  // character ranges, line breaks excluded
        var rowStart = start, used = 0, lastSpace = -1
        var i = start
        var cursorRow: Int?
        var stopped = false
        func endRow(_ end: Int, next: Int) {
            rows.append((rowStart, end))
            rowStart = next
            if cursorRow == nil, cursor < next { cursorRow = rows.count - 1 }
        }
        while i < characters.count {
            if let c = cursorRow, rows.count - c >= maxRows { stopped = true; break }
            let ch = characters[i]
            if ch == "\n" {
                endRow(i, next: i + 1)
                used = 0; lastSpace = -1
                i += 1
                continue
            }
            let w = DisplayWidth.of(ch)
            if used + w > width, i > rowStart {
                let cut = lastSpace >= rowStart ? lastSpace + 1 : i
                endRow(cut, next: cut)
                used = characters[cut..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                lastSpace = -1
                continue
            }
            if ch == " " { lastSpace = i }
            used += w
            i += 1
        }
        if !stopped { endRow(characters.count, next: characters.count + 1) }
        let row = cursorRow ?? max(0, rows.count - 1)
        var top = max(0, row - maxRows + 1)
        if top + maxRows > rows.count { top = max(0, rows.count - maxRows) }
        let shown = rows[top..<min(rows.count, top + maxRows)]
        let r = rows[row]
        let column = characters[r.0..<min(max(r.0, cursor), r.1)].reduce(0) { $0 + DisplayWidth.of($1) }
        return (shown.map { String(characters[$0.0..<$0.1]) }, row - top, column, top > 0 || start > 0)
    }

    // MARK: - Implementation

    private var wordStartBeforeCursor: Int {
        var index = cursor
        while index > 0, characters[index - 1].isWhitespace { index -= 1 }
        while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }

    private var wordEndAfterCursor: Int {
        var index = cursor
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        while index < characters.count, !characters[index].isWhitespace { index += 1 }
        return index
    }

    /// Removes a range of clusters, puts the cursor at its start, and re-segments the text in
    /// case the clusters on either side now join.
    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        characters.removeSubrange(range)
        let lo = max(0, range.lowerBound - 1), hi = min(characters.count, range.lowerBound + 1)
        let before = String(characters[lo..<range.lowerBound])
        let merged = Array(before + String(characters[range.lowerBound..<hi]))
        characters.replaceSubrange(lo..<hi, with: merged)
        cursor = lo + min(before.count, merged.count)
    }

    /// Tabs become spaces, line breaks too unless kept (then every kind is "\n"); other
    /// control characters are removed.
    static func clean(_ text: String, keepingLineBreaks: Bool = false) -> String {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for character in text {
            if character.isNewline {
                result.append(keepingLineBreaks ? "\n" : " ")
                continue
            }
            for scalar in character.unicodeScalars {
                if scalar == "\t" {
                    result.append(" ")
                } else if scalar.properties.generalCategory != .control {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }
}
