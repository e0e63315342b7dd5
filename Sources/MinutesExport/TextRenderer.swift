import MinutesCore
/// Renders a report as plain text for the body of an e-mail.
///
/// Lines are wrapped at `width` display columns (see `DisplayWidth`); there are no tabs and no
/// control characters. A table becomes, per row, each column title followed by its cell content
/// indented beneath it. Bold text is marked `*like this*`.
public enum TextRenderer {

    public static let defaultWidth = 72

    public static func render(_ document: ReportDocument, width: Int = defaultWidth) -> String {
        let width = max(width, 24)
        var sections: [[String]] = []

        let title = wrap(TextEscaping.singleLine(document.title), width: width, first: "", rest: "")
        if !title.isEmpty {
            sections.append(title + [underline(title, with: "=", width: width)])
        }
        if !document.metadata.isEmpty {
            sections.append(metadata(document.metadata, width: width))
        }
        for block in document.blocks {
            let lines = render(block, width: width)
            if !lines.isEmpty { sections.append(lines) }
        }
        return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock, width: Int) -> [String] {
        switch block {
        case .heading(let level, let text):
            let lines = wrap(TextEscaping.singleLine(text), width: width, first: "", rest: "")
            guard !lines.isEmpty else { return [] }
            return level <= 1 ? lines + [underline(lines, with: "-", width: width)] : lines
        case .paragraph(let text):
            return wrap(plain(text), width: width, first: "", rest: "")
        case .bulletList(let items):
            return render(.list(items.map { ReportListItem($0) }), width: width)
        case .list(let items):
            return items.flatMap { listItem($0, width: width) }
        case .definitionList(let entries):
            return definitions(entries, width: width)
        case .table(let table):
            return render(table, width: width)
        }
    }

    /// "  - text", its sub-points two columns further in, then its detail lines under the text.
    static func listItem(_ item: ReportListItem, width: Int) -> [String] {
        guard !item.subPoints.isEmpty else {
            let text = item.detail.isEmpty ? item.text : item.text + ReportText("\n") + item.detail
            return wrap(plain(text), width: width, first: "  - ", rest: "    ")
        }
        var lines = wrap(plain(item.text), width: width, first: "  - ", rest: "    ")
        for point in item.subPoints {
            lines += wrap(plain(point), width: width, first: "    - ", rest: "      ")
        }
        lines += wrap(plain(item.detail), width: width, first: "    ", rest: "    ")
        return lines
    }

    static func metadata(_ items: [ReportMetadata], width: Int) -> [String] {
        let labels = items.map { TextEscaping.singleLine($0.label) + ":" }
        let labelWidth = min(labels.map(DisplayWidth.of).max() ?? 0, 16)
        var lines: [String] = []
        for (label, item) in zip(labels, items) {
            let indent = String(repeating: " ", count: labelWidth + 1)
            let value = TextEscaping.sanitized(item.value, tabsAsSpaces: true)
            if DisplayWidth.of(label) <= labelWidth {
                lines += wrap(value, width: width, first: pad(label, to: labelWidth) + " ", rest: indent)
            } else {
                lines += wrap(label, width: width, first: "", rest: "")
                lines += wrap(value, width: width, first: indent, rest: indent)
            }
        }
        return lines
    }

    static func definitions(_ entries: [ReportDefinition], width: Int) -> [String] {
        let terms = entries.map { TextEscaping.singleLine($0.term) }
        let termWidth = min(terms.map(DisplayWidth.of).max() ?? 0, 12)
        let indent = String(repeating: " ", count: 2 + termWidth + 2)
        var lines: [String] = []
        for (term, entry) in zip(terms, entries) {
            if entry.definition.isEmpty {
                lines += wrap(term, width: width, first: "  ", rest: "  ")
            } else if DisplayWidth.of(term) <= termWidth {
                lines += wrap(plain(entry.definition), width: width, first: "  " + pad(term, to: termWidth) + "  ", rest: indent)
            } else {
                lines += wrap(term, width: width, first: "  ", rest: "  ")
                lines += wrap(plain(entry.definition), width: width, first: indent, rest: indent)
            }
        }
        return lines
    }

    static func render(_ table: ReportTable, width: Int) -> [String] {
        var lines: [String] = []
        if let caption = table.caption {
            let captionLines = wrap(TextEscaping.singleLine(caption), width: width, first: "", rest: "")
            if !captionLines.isEmpty { lines += captionLines + [""] }
        }
        let columns = table.paddedColumns.map { TextEscaping.singleLine($0) }
        for (index, row) in table.paddedRows.enumerated() {
            if index > 0 { lines += ["", "  " + String(repeating: "-", count: 24), ""] }
            for (column, cell) in zip(columns, row) {
                if !column.isEmpty {
                    lines += wrap(column, width: width, first: "  ", rest: "  ")
                }
                for block in cell.blocks {
                    switch block {
                    case .paragraph(let text):
                        lines += wrap(plain(text), width: width, first: "    ", rest: "    ")
                    case .bullet(let text):
                        lines += wrap(plain(text), width: width, first: "    - ", rest: "      ")
                    case .subBullet(let text):
                        lines += wrap(plain(text), width: width, first: "      - ", rest: "        ")
                    case .subheading(let text):
                        lines += wrap(TextEscaping.singleLine(text), width: width, first: "    ", rest: "    ")
                    }
                }
            }
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    // MARK: Helpers

    /// Plain text of runs, bold marked with asterisks, sanitised, tabs as spaces.
    static func plain(_ text: ReportText) -> String {
        text.normalizedRuns.map { run in
            let clean = TextEscaping.sanitized(run.text, tabsAsSpaces: true)
            guard run.isBold else { return clean }
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" }
            let leading = clean.prefix(while: isSpace)
            let afterLeading = clean.dropFirst(leading.count)
            let trailingCount = afterLeading.reversed().prefix(while: isSpace).count
            let core = afterLeading.dropLast(trailingCount)
            guard !core.isEmpty else { return clean }
            return leading + "*" + core + "*" + afterLeading.suffix(trailingCount)
        }.joined()
    }

    static func underline(_ lines: [String], with character: Character, width: Int) -> String {
        let length = min(lines.map(DisplayWidth.of).max() ?? 0, width)
        return String(repeating: character, count: max(length, 3))
    }

    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    /// Wraps sanitised text (line feeds are hard breaks) so that no line is wider than `width`
    /// display columns. The first line starts with `first`, the others with `rest`. Words wider
    /// than a line are broken between grapheme clusters. Trailing spaces are removed.
    ///
    /// Words are separated by space characters. The text is split on the bytes of line feeds
    /// and spaces rather than character by character, which was most of the cost of a text
    /// export; `isWordSeparator` keeps the rare space that is part of a larger grapheme cluster
    /// (a space with a combining mark) inside its word, as splitting on characters would.
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        let bytes = Array(TextEscaping.sanitized(text, tabsAsSpaces: true).utf8)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A }) else { return [] }
        var lines: [String] = []
        var prefix = first
        var line = ""
        var lineWidth = 0
        var lineHasWord = false

        func startLine() {
            line = prefix
            lineWidth = displayWidth(prefix)
            lineHasWord = false
        }
        func finishLine() {
            lines.append(trimTrailingSpaces(line))
            prefix = rest
            startLine()
        }

        // A line feed is always a grapheme cluster of its own: splitting on its byte is exact.
        var hardLines: [Range<Int>] = []
        var hardLineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            hardLines.append(hardLineStart..<index)
            hardLineStart = index + 1
        }
        hardLines.append(hardLineStart..<bytes.count)

        startLine()

        for (hardIndex, hardLine) in hardLines.enumerated() {
            if hardIndex > 0 { finishLine() }
            for wordRange in words(bytes, in: hardLine) {
                let word = String(decoding: bytes[wordRange], as: UTF8.self)
                let wordWidth = displayWidth(word)
                if lineHasWord && lineWidth + 1 + wordWidth <= width {
                    line += " "
                    line += word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineHasWord { finishLine() }
                if lineWidth + wordWidth <= width {
                    line += word
                    lineWidth += wordWidth
                    lineHasWord = true
                    continue
                }
                // Too wide for any line: break it between grapheme clusters.
                for character in word {
                    let characterWidth = DisplayWidth.of(character)
                    if lineHasWord && lineWidth + characterWidth > width { finishLine() }
                    line.append(character)
                    lineWidth += characterWidth
                    lineHasWord = true
                }
            }
        }
        if lineHasWord || lines.isEmpty { finishLine() }
        // A trailing hard break leaves an empty last line; drop empty lines at the end.
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        return lines
    }

    /// The words of one line of UTF-8 `bytes` (`range`, without line feeds): the non-empty
    /// pieces between space characters, as `split(separator: " ")` on the line gives them.
    static func words(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var wordStart = range.lowerBound
        for index in range where bytes[index] == 0x20 && isWordSeparator(bytes, spaceAt: index, in: range) {
            if wordStart < index { words.append(wordStart..<index) }
            wordStart = index + 1
        }
        if wordStart < range.upperBound { words.append(wordStart..<range.upperBound) }
        return words
    }

    /// Whether the space at `index` is a character of its own. Only its neighbours can join it
    /// to a cluster (a prepended mark before it; a combining mark, joiner or spacing mark after
    /// it), and only non-ASCII ones, so ASCII neighbours (or the line's ends) settle it without
    /// asking the standard library.
    ///
    /// Nor can scalars below U+0600 before it (the first prepended mark is U+0600) or below
    /// U+0300 after it (combining marks start there): Latin text never needs the library.
    static func isWordSeparator(_ bytes: [UInt8], spaceAt index: Int, in range: Range<Int>) -> Bool {
        var previousLead = index - 1
        if index > range.lowerBound {
            while bytes[previousLead] & 0xC0 == 0x80 { previousLead -= 1 }
        }
        let previousCannotJoin = index == range.lowerBound || bytes[previousLead] < 0xD8  // below U+0600
        let nextCannotJoin = index + 1 == range.upperBound || bytes[index + 1] < 0xCC     // below U+0300
        if previousCannotJoin && nextCannotJoin { return true }
        var cluster = String.UnicodeScalarView()
        if !previousCannotJoin {
            cluster.append(contentsOf: String(decoding: bytes[previousLead..<index], as: UTF8.self).unicodeScalars)
        }
        cluster.append(" ")
        if !nextCannotJoin {
            let lead = bytes[index + 1]
            let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            cluster.append(contentsOf: String(decoding: bytes[(index + 1)..<(index + 1 + length)], as: UTF8.self).unicodeScalars)
        }
        return String(cluster).count == cluster.count
    }

    /// `DisplayWidth.of` for the text, without a call through the generic function (or one per
    /// character) for text whose width is simply its number of scalars: printable ASCII and
    /// U+00A0–U+02FF (Latin-1 and Latin Extended letters, spacing modifiers). None of those
    /// scalars joins a neighbour in a grapheme cluster, and `DisplayWidth` gives each 1 column.
    /// Anything else (combining marks, wide or right-to-left text, emoji) is measured by
    /// `DisplayWidth` character by character, as it measures a string.
    static func displayWidth(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte < 0x80 {
            if byte < 0x20 || byte == 0x7F { return measured(text) }
            count += 1
        }
        if count == text.utf8.count { return count }
        count = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard (0x20..<0x7F).contains(value) || (0xA0..<0x300).contains(value) else { return measured(text) }
            count += 1
        }
        return count
    }

    private static func measured(_ text: String) -> Int {
        text.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    static func trimTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
