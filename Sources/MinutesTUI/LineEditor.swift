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
/// Inserted text (typed or pasted) is cleaned: line breaks and tabs become spaces and other
/// control characters are removed.
public struct LineEditor: Hashable, Sendable {
    private var characters: [Character]
    /// The cursor position, in grapheme clusters from the start (0...count).
    public private(set) var cursor: Int

    /// Creates an editor holding `text` (cleaned like inserted text), with the cursor at
    /// `cursor` (clamped), or at the end when nil.
    public init(text: String = "", cursor: Int? = nil) {
        characters = Array(LineEditor.clean(text))
        self.cursor = min(max(0, cursor ?? characters.count), characters.count)
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Whether the text is empty.
    public var isEmpty: Bool { characters.isEmpty }

    // MARK: - Editing

    /// Inserts text at the cursor and moves the cursor after it.
    public mutating func insert(_ newText: String) {
        let cleaned = LineEditor.clean(newText)
        guard !cleaned.isEmpty else { return }
        let before = String(characters[..<cursor]) + cleaned
        characters = Array(before + String(characters[cursor...]))
        cursor = min(before.count, characters.count)
    }

    /// Replaces the whole text and puts the cursor at the end.
    public mutating func setText(_ newText: String) {
        self = LineEditor(text: newText)
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
        switch key {
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
        let before = String(characters[..<range.lowerBound])
        characters = Array(before + String(characters[range.lowerBound...]))
        cursor = min(before.count, characters.count)
    }

    /// Line breaks and tabs become spaces; other control characters are removed.
    static func clean(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for character in text {
            if character.isNewline {
                result.append(" ")
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
