import MinutesCore
/// Wraps text into lines of at most a given number of display columns.
///
/// Why: item notes and titles are shown in columns of varying width and wrapped again on
/// every frame for the visible items, so this is a single greedy pass over the text with no
/// intermediate arrays of words.
///
/// Rules: explicit line breaks ("\n", "\r\n" and other newline characters) always break.
/// Lines break at spaces (U+0020); the spaces at a break are dropped, spaces between words
/// on a line are kept, and leading spaces of a paragraph are kept when they fit. A word
/// wider than the line is hard-broken between grapheme clusters. Widths come from
/// `DisplayWidth`, so wide characters count 2 and a cluster is never split. The only line
/// that can exceed `width` is a single cluster wider than `width` (a wide character when
/// `width` is 1). Feed it sanitized text (`TextSanitizer`).
public enum WordWrap {
    /// The lines of `text` wrapped to `width` columns; an empty paragraph gives an empty line,
    /// and a `width` below 1 gives no lines at all.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var paragraphStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isNewline {
                wrapParagraph(text[paragraphStart..<index], width: width, into: &lines)
                index = text.index(after: index)
                paragraphStart = index
            } else {
                index = text.index(after: index)
            }
        }
        wrapParagraph(text[paragraphStart..<text.endIndex], width: width, into: &lines)
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        let end = paragraph.endIndex
        var lineStart = paragraph.startIndex
        var lineEnd = paragraph.startIndex
        var lineWidth = 0
        var lineHasContent = false
        var emittedAny = false
        var index = paragraph.startIndex

        while index < end {
            let spaceStart = index
            var spaceWidth = 0
            while index < end, paragraph[index] == " " {
                spaceWidth += 1
                index = paragraph.index(after: index)
            }
            if index == end { break }  // trailing spaces are dropped

            let wordStart = index
            var wordWidth = 0
            while index < end, paragraph[index] != " " {
                wordWidth += DisplayWidth.of(paragraph[index])
                index = paragraph.index(after: index)
            }
            let wordEnd = index

            if lineHasContent {
                if lineWidth + spaceWidth + wordWidth <= width {
                    lineEnd = wordEnd
                    lineWidth += spaceWidth + wordWidth
                    continue
                }
                lines.append(String(paragraph[lineStart..<lineEnd]))
                emittedAny = true
            } else if !emittedAny, spaceWidth + wordWidth <= width {
                // First word of the paragraph: keep its indentation.
                lineStart = spaceStart
                lineEnd = wordEnd
                lineWidth = spaceWidth + wordWidth
                lineHasContent = true
                continue
            }

            if wordWidth <= width {
                lineStart = wordStart
                lineEnd = wordEnd
                lineWidth = wordWidth
                lineHasContent = true
                continue
            }

            // Hard-break a word wider than the line; its last piece starts the next line.
            var pieceStart = wordStart
            var pieceWidth = 0
            var cursor = wordStart
            while cursor < wordEnd {
                let characterWidth = DisplayWidth.of(paragraph[cursor])
                if pieceWidth + characterWidth > width, cursor > pieceStart {
                    lines.append(String(paragraph[pieceStart..<cursor]))
                    emittedAny = true
                    pieceStart = cursor
                    pieceWidth = 0
                }
                pieceWidth += characterWidth
                cursor = paragraph.index(after: cursor)
            }
            lineStart = pieceStart
            lineEnd = wordEnd
            lineWidth = pieceWidth
            lineHasContent = true
        }

        if lineHasContent {
            lines.append(String(paragraph[lineStart..<lineEnd]))
        } else if !emittedAny {
            lines.append("")
        }
    }
}
