import Foundation

/// Finds the project tables of a document and reads their cells (see docs/import.md).
public enum MinutesLayout {
    enum Column: String { case actions = "Actions required", progress = "Progress", toDo = "To do by next meeting" }

    public static func read(_ blocks: [WordBlock]) -> ReadMinutes {
        var result = ReadMinutes()
        var headingsSinceTable: [String] = []
        var seenTable = false
        for block in blocks {
            switch block {
            case .paragraph(let p):
                for line in p.lines {
                    let text = clean(line.text)
                    guard !text.isEmpty else { continue }
                    headingsSinceTable.append(text)
                    if !seenTable { readMetadata(text, into: &result) }
                }
            case .table(let table):
                seenTable = true
                result.tableCount += 1
                readTable(table, index: result.tableCount, headings: headingsSinceTable, into: &result)
                headingsSinceTable = []
            }
        }
        return result
    }

    /// "Date: 26 June 2009", "Present: KP, DD" … above the first table.
    static func readMetadata(_ line: String, into result: inout ReadMinutes) {
        guard let colon = line.firstIndex(of: ":") else { return }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let list = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "—" }
        switch label {
        case "date": result.date = MinutesDate.parse(value)
        case "present": result.present = list
        case "apologies": result.apologies = list
        case "chair": result.chair = value.isEmpty ? nil : value
        case "minutes": result.minuteTaker = value.isEmpty ? nil : value
        case "next meeting": result.next = MinutesDate.parse(value)
        default: break
        }
    }

    /// A project's number in "PROJECT 2", "Project 2: headline", "Actions required - Project 2 …",
    /// with the text after it.
    static func projectNumber(in text: String) -> (number: Int, rest: String)? {
        guard let r = text.range(of: "project", options: [.caseInsensitive]) else { return nil }
        let after = text[r.upperBound...].drop { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }
        let digits = after.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits), n > 0 else { return nil }
        let rest = after.dropFirst(digits.count).drop { " \u{A0}\t:-–—.".contains($0) }
        return (n, String(rest).trimmingCharacters(in: .whitespaces))
    }

    /// The column a header cell names, from the first of its lines that names one ("PROJECT 2"
    /// may stand above "Actions required" in the same cell): the column, the text from that
    /// line on, and the lines above it.
    static func header(_ cellText: String) -> (column: Column, text: String, above: [String])? {
        let lines = cellText.split(separator: "\n").map { clean(String($0)) }.filter { !$0.isEmpty }
        guard let k = lines.firstIndex(where: { column(of: $0) != nil }) else { return nil }
        return (column(of: lines[k])!, lines[k...].joined(separator: " "), Array(lines[..<k]))
    }

    static func column(of header: String) -> Column? {
        let h = clean(header).lowercased()
        if h.hasPrefix("actions required") || h.hasPrefix("action required") { return .actions }
        if h.hasPrefix("progress") { return .progress }
        if h.hasPrefix("to do") || h.hasPrefix("to-do") || h.hasPrefix("todo") { return .toDo }
        return nil
    }

    static func readTable(_ table: WordTable, index: Int, headings: [String], into result: inout ReadMinutes) {
        func notice(_ message: String, row: Int? = nil, column: Int? = nil) {
            result.notices.append(ReadNotice(place: DocumentPlace(table: index, row: row, column: column), message: message))
        }
        // The header row: one of the first rows whose cells name the three columns.
        guard let headerRow = table.rows.prefix(4).firstIndex(where: { row in
            Set(row.compactMap { header($0.text)?.column }).count == 3
        }) else {
            let mentions = table.rows.prefix(4).contains { $0.contains { header($0.text) != nil } }
            notice(mentions ? "skipped: its header row does not name all three columns (Actions required, Progress, To do by next meeting)"
                            : "skipped: not a project table (no header row 'Actions required | Progress | To do by next meeting')")
            return
        }
        // Header cells by grid position.
        var columns: [(column: Column, grid: Range<Int>, text: String)] = []
        var titles: [String] = []
        var grid = 0
        for cell in table.rows[headerRow] {
            if let h = header(cell.text), !columns.contains(where: { $0.column == h.column }) {
                columns.append((h.column, grid..<(grid + cell.span), h.text))
                titles += h.above
            }
            grid += cell.span
        }
        let order = columns.map(\.column)
        if order != [.actions, .progress, .toDo] {
            notice("columns in another order (\(order.map(\.rawValue).joined(separator: " | "))); read by their headings")
        }
        func position(_ c: Column) -> Int { (columns.first { $0.column == c }?.grid.lowerBound ?? 0) + 1 }

        // The project's number and headline: from the header, a title row above it, or a heading before the table.
        let actionsHeader = columns.first { $0.column == .actions }!.text
        let progressHeader = columns.first { $0.column == .progress }!.text
        var found = projectNumber(in: actionsHeader)
        var headline = found.map(\.rest).flatMap { $0.isEmpty ? nil : $0 }
        if found == nil {
            // "Actions required: Safer routes to school", the number given elsewhere.
            let rest = actionsHeader.drop { $0 != ":" && $0 != "-" && $0 != "–" && $0 != "—" }.drop { " \u{A0}:-–—".contains($0) }
            if !rest.isEmpty { headline = String(rest) }
        }
        if found == nil {
            for row in table.rows[..<headerRow] { titles += row.map { clean($0.text) } }
            for title in titles where found == nil { found = projectNumber(in: title) }
        }
        // A heading is a line that starts with "Project N" (prose that mentions a project is not one).
        let isHeading = { (line: String) in line.lowercased().hasPrefix("project") && projectNumber(in: line) != nil }
        if found == nil, let heading = headings.last(where: isHeading), let n = projectNumber(in: heading) {
            found = n
            if !n.rest.isEmpty, headline == nil { headline = n.rest }
        }
        guard let number = found?.number else {
            notice("skipped: no project number (no 'Project N' in its header, in a row above it or in a heading before it)")
            return
        }
        var project = ImportedProject(number: number, headline: headline, table: index)
        let dateText = progressHeader.drop { !" \u{A0}:-–—".contains($0) }.drop { " \u{A0}:-–—".contains($0) }
        project.meetingDate = MinutesDate.parse(String(dateText))
        if !dateText.isEmpty, project.meetingDate == nil {
            notice("'\(progressHeader)': the date could not be read", row: headerRow + 1, column: position(.progress))
        }

        // The body: every row under the header, cells placed by grid position.
        var cells: [Column: [(paragraphs: [WordParagraph], row: Int)]] = [:]
        for (r, row) in table.rows.enumerated() where r > headerRow {
            var g = 0
            for cell in row {
                let range = g..<(g + cell.span)
                g += cell.span
                guard cell.verticalMerge != .continue else { continue }
                let covered = columns.filter { $0.grid.overlaps(range) }
                guard let first = covered.first else {
                    if !clean(cell.text).isEmpty { notice("left out: text in a column with no heading", row: r + 1, column: range.lowerBound + 1) }
                    continue
                }
                if covered.count > 1, !clean(cell.text).isEmpty {
                    notice("one merged cell spans \(covered.map(\.column.rawValue).joined(separator: " and ")); read as \(first.column.rawValue)",
                           row: r + 1, column: range.lowerBound + 1)
                }
                cells[first.column, default: []].append((cell.paragraphs, r + 1))
            }
        }
        func lines(_ c: Column) -> [CellLine] {
            (cells[c] ?? []).flatMap { cell in
                cell.paragraphs.flatMap { CellLine.lines(of: $0, place: DocumentPlace(table: index, row: cell.row, column: position(c))) }
            }
        }
        readActions(lines(.actions), into: &project)
        readProgress(lines(.progress), into: &project)
        readToDo(lines(.toDo), into: &project, notice: { notice($0, row: $1.row, column: $1.column) })
        result.projects.append(project)
    }

    static func readActions(_ lines: [CellLine], into project: inout ImportedProject) {
        for (k, line) in lines.enumerated() {
            if k == 0, project.headline == nil, line.isBold, !line.isBullet {
                project.headline = line.text
            } else if !line.isBullet, line.text.lowercased().hasPrefix("lead:") {
                let lead = line.text.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if !lead.isEmpty { project.lead = lead }
            } else {
                project.actions.append(CellEntry(text: line.text, place: line.place))
            }
        }
    }

    static func readProgress(_ lines: [CellLine], into project: inout ImportedProject) {
        var blocks: [ProgressBlock] = []
        for line in lines {
            if line.text.lowercased().hasPrefix("no progress noted yet") { continue }
            if !line.isBullet || line.isBold, let date = MinutesDate.parse(line.text) {
                blocks.append(ProgressBlock(date: date))
                continue
            }
            if blocks.isEmpty { blocks.append(ProgressBlock(date: nil)) }
            blocks[blocks.count - 1].notes.append(CellEntry(text: line.text, place: line.place))
        }
        project.progress = blocks.filter { !$0.notes.isEmpty }
    }

    static func readToDo(_ lines: [CellLine], into project: inout ImportedProject, notice: (String, DocumentPlace) -> Void) {
        for line in lines {
            if line.text.lowercased().hasPrefix("nothing outstanding") { continue }
            var entry = CellEntry(text: line.text, place: line.place, isDone: line.isStruck)
            let (text, done) = FollowUpMarks.strippingDone(entry.text)
            entry.isDone = entry.isDone || done
            let (rest, raised) = FollowUpMarks.strippingRaised(text)
            entry.text = rest
            entry.raised = raised
            guard !entry.text.isEmpty else { continue }
            project.toDo.append(entry)
        }
    }

    /// Text as read for comparing and storing: spaces of every kind made one space, invisible
    /// characters dropped, trimmed.
    static func clean(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if ["\u{200B}", "\u{200C}", "\u{FEFF}", "\u{00AD}"].contains(scalar) { continue }
            if scalar.properties.isWhitespace || scalar.value < 0x20 {
                space = !out.isEmpty
                continue
            }
            if space { out += " "; space = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
