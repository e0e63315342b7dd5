import Foundation

/// Renders a report as GitHub-flavoured Markdown.
///
/// Tables are pipe tables; inside a cell, blocks are joined with `<br>`, bullets start with "• "
/// and subheadings are bold. Every piece of text goes through `TextEscaping.markdownInline`.
public enum MarkdownRenderer {

    public static func render(_ document: ReportDocument) -> String {
        var parts: [String] = []
        parts.append("# " + heading(document.title))
        for item in document.metadata {
            parts.append(block("**\(inline(TextEscaping.singleLine(item.label) + ":"))** \(inline(item.value, lineBreak: "\n"))"))
        }
        for block in document.blocks {
            parts.append(render(block))
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text):
            let hashes = String(repeating: "#", count: min(max(level, 1) + 1, 6))
            return hashes + " " + heading(text)
        case .paragraph(let text):
            return Self.block(inline(text, lineBreak: "\n"))
        case .bulletList(let items):
            return render(.list(items.map { ReportListItem($0) }))
        case .list(let items):
            return items.map(listItem).joined(separator: "\n")
        case .definitionList(let entries):
            return entries.map { entry in
                let term = "- **\(inline(TextEscaping.singleLine(entry.term)))**"
                return entry.definition.isEmpty ? term : term + " " + inline(entry.definition, lineBreak: "<br>")
            }.joined(separator: "\n")
        case .table(let table):
            return render(table)
        }
    }

    /// "- text", its sub-points indented beneath it ("  - point"), then its detail lines. After
    /// sub-points the detail needs a blank line before it, or it would continue the last one.
    static func listItem(_ item: ReportListItem) -> String {
        guard !item.subPoints.isEmpty else {
            let text = item.detail.isEmpty ? item.text : item.text + ReportText("\n") + item.detail
            return "- " + lines(text, indent: "  ")
        }
        var out = "- " + lines(item.text, indent: "  ")
        for point in item.subPoints {
            out += "\n  - " + lines(point, indent: "    ")
        }
        if !item.detail.isEmpty { out += "\n\n  " + lines(item.detail, indent: "  ") }
        return out
    }

    /// Text whose continuation lines are indented under a list item and end the line before
    /// with a backslash hard break.
    static func lines(_ text: ReportText, indent: String) -> String {
        let lines = inline(text, lineBreak: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map(String.init).enumerated().map { index, line in
            (index == 0 ? "" : indent) + TextEscaping.markdownLineStart(line)
        }.joined(separator: "\\\n")
    }

    static func render(_ table: ReportTable) -> String {
        var lines: [String] = []
        if let caption = table.caption, !TextEscaping.singleLine(caption).isEmpty {
            lines.append("**\(inline(TextEscaping.singleLine(caption)))**")
            lines.append("")
        }
        let columns = table.paddedColumns
        guard !columns.isEmpty else { return lines.joined(separator: "\n") }
        lines.append(row(columns.map { TextEscaping.markdownCellEscape(TextEscaping.singleLine($0)) }))
        lines.append(row(columns.map { _ in "---" }))
        for cells in table.paddedRows {
            lines.append(row(cells.map(cell)))
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
    }

    static func cell(_ cell: ReportCell) -> String {
        cell.blocks.map { block -> String in
            switch block {
            case .paragraph(let text): return inline(text)
            case .bullet(let text): return "• " + inline(text)
            // A pipe table cell cannot hold a real list: a sub-point is indented with em spaces.
            case .subBullet(let text): return "&emsp;◦ " + inline(text)
            case .subheading(let text): return bold(TextEscaping.singleLine(text))
            }
        }.filter { !$0.isEmpty }.joined(separator: "<br>")
    }

    // MARK: Inline text

    /// A heading's text: one line, escaped, with `#` escaped too (a trailing "#" would otherwise
    /// be taken for a closing sequence and dropped).
    static func heading(_ text: String) -> String {
        inline(TextEscaping.singleLine(text)).replacingOccurrences(of: "#", with: "\\#")
    }

    /// Escapes every line start of a multi-line paragraph, with backslash hard breaks between.
    static func block(_ escaped: String) -> String {
        escaped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextEscaping.markdownLineStart(String($0)) }
            .joined(separator: "\\\n")
    }

    static func inline(_ text: String, lineBreak: String = "<br>") -> String {
        TextEscaping.markdownInline(text, lineBreak: lineBreak)
    }

    static func inline(_ text: ReportText, lineBreak: String = "<br>") -> String {
        text.normalizedRuns.map { run in
            run.isBold ? bold(run.text, lineBreak: lineBreak) : inline(run.text, lineBreak: lineBreak)
        }.joined()
    }

    /// `**text**` with surrounding white space kept outside the markers (Markdown does not make
    /// "** KP**" bold); empty or blank text is not marked.
    static func bold(_ text: String, lineBreak: String = "<br>") -> String {
        let sanitized = TextEscaping.sanitized(text, tabsAsSpaces: true)
        let leading = sanitized.prefix { $0 == " " || $0 == "\n" }
        let afterLeading = sanitized.dropFirst(leading.count)
        let trailingCount = afterLeading.reversed().prefix { $0 == " " || $0 == "\n" }.count
        let trailing = afterLeading.suffix(trailingCount)
        let core = afterLeading.dropLast(trailingCount)
        if core.isEmpty { return inline(sanitized, lineBreak: lineBreak) }
        return inline(String(leading), lineBreak: lineBreak)
            + "**" + inline(String(core), lineBreak: lineBreak) + "**"
            + inline(String(trailing), lineBreak: lineBreak)
    }
}
