import Testing
@testable import MinutesExport

@Suite struct MarkdownRendererTests {
    let markdown = MarkdownRenderer.render(SampleReports.minutes)
    var lines: [Substring] { markdown.split(separator: "\n", omittingEmptySubsequences: false) }

    /// Splits a table row on unescaped pipes.
    static func cells(of row: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        // Leading and trailing pipes leave empty ends.
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func markdownMatchesGoldenFile() throws {
        try Golden.assertMatches(markdown, named: "minutes.md")
    }

    @Test func markdownStartsWithTheTitleAndMetadata() {
        #expect(lines.first == "# Be Safe Working Group — minutes")
        #expect(markdown.contains("**Date:** 26 March 2025"))
        #expect(markdown.contains("**Apologies:** RT, Youth Service"))
        #expect(markdown.contains("\n## Project updates\n"))
        #expect(markdown.contains("\n### Project 1\n"))
    }

    @Test func markdownTablesHaveAHeaderADelimiterAndThreeCellsPerRow() {
        let tableLines = lines.filter { $0.hasPrefix("|") }
        // Three tables, each a header, a delimiter and one row.
        #expect(tableLines.count == 9)
        for line in tableLines {
            #expect(Self.cells(of: line).count == 3, "row: \(line)")
            #expect(line.hasSuffix(" |"))
        }
        let header = tableLines[0]
        #expect(Self.cells(of: header) == ["Actions required", "Progress: 26 March 2025", "To do by next meeting"])
        #expect(Self.cells(of: tableLines[1]) == ["---", "---", "---"])
    }

    @Test func markdownCellsJoinBlocksWithBreaksAndMarkBulletsAndOwners() throws {
        let row = try #require(lines.first { $0.contains("Run a cycle-skills course") })
        let cells = Self.cells(of: row)
        #expect(cells[0] == "• Run a cycle-skills course for Year 6 every term.<br>• Map the crossings that parents report as unsafe.")
        #expect(cells[1].hasPrefix("**12 February 2025**<br>• Two schools"))
        #expect(cells[1].contains("<br>**26 March 2025**<br>"))
        #expect(cells[2] == "• **KP** to book the cycle trainers (from 12 February)<br>• **DD** to collect the questionnaire returns")
    }

    @Test func markdownKeepsLineBreaksInsideACellOnOneLine() {
        #expect(markdown.contains("Eleven organisations have sent their entry back.<br>Three still to come."))
    }

    @Test func markdownEscapesHostileText() throws {
        let row = try #require(lines.first { $0.contains("alert") })
        #expect(!row.contains("<script"))
        #expect(row.contains("&lt;script&gt;alert('x')&lt;/script&gt; & \"quoted\""))
        #expect(row.contains("=cmd\\|' /C calc'!A0"))
        #expect(row.contains("Figures \\| pipes, \\*stars\\*, \\_underscores\\_, \\`ticks\\` and \\[brackets\\]"))
        #expect(!markdown.containsScalar { TextEscaping.isControl($0) && $0 != "\n" })
        #expect(!markdown.containsScalar(where: TextEscaping.isBidiControl))
        #expect(!markdown.contains("\t"))
    }

    @Test func markdownParagraphLinesCannotTurnIntoHeadings() {
        #expect(markdown.contains("Hillview Primary.\\\n\\# Not a heading"))
    }

    @Test func markdownRendersListsAndWhoIsWho() {
        #expect(markdown.contains("- Room booked by AB.\n- **All** to send agenda items a week before."))
        #expect(markdown.contains("- **KP** Kiran Patel, Cluster coordinator"))
    }

    @Test func markdownBoldKeepsSpacesOutsideTheMarkers() {
        let document = ReportDocument(title: "T", blocks: [.paragraph("Ask\(bold: " KP ")to act")])
        #expect(MarkdownRenderer.render(document).contains("Ask **KP** to act"))
    }

    @Test func markdownHeadingsKeepHashesAndParagraphsCannotBecomeCodeBlocks() {
        let document = ReportDocument(title: "Item #", blocks: [.paragraph("    indented\n      1. not a list")])
        let rendered = MarkdownRenderer.render(document)
        #expect(rendered == "# Item \\#\n\nindented\\\n1\\. not a list\n")
    }

    @Test func markdownPadsShortRowsToTheHeader() {
        let table = ReportTable(columns: ["A", "B", "C"], rows: [["only one"]])
        let rendered = MarkdownRenderer.render(ReportDocument(title: "T", blocks: [.table(table)]))
        let row = rendered.split(separator: "\n").last { $0.hasPrefix("|") }
        #expect(row.map { Self.cells(of: $0) } == ["only one", "", ""])
    }
}
