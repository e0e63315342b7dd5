import Foundation

// A small, format-neutral description of a report. Builders turn the working groups' state into
// a `ReportDocument`; each renderer turns a `ReportDocument` into one file format. Renderers never
// see the domain, and builders never see a file format.

// MARK: - Text

/// A piece of inline text made of runs, each plain or bold (owners' initials are bold).
///
/// Builders can write `"\(bold: "KP") to adjust and e-mail organisation"` or `.plain("…") + .bold("KP")`.
public struct ReportText: Sendable, Hashable {
    public struct Run: Sendable, Hashable {
        public var text: String
        public var isBold: Bool
        /// A colour as RGB hex ("C62828"), for a RAG marker; formats without colour show the
        /// text alone, which is why a marker always carries a symbol too.
        public var colour: String?

        public init(_ text: String, bold: Bool = false, colour: String? = nil) {
            self.text = text
            self.isBold = bold
            self.colour = colour
        }
    }

    public var runs: [Run]

    public init(runs: [Run] = []) {
        self.runs = runs
    }

    public init(_ text: String) {
        self.runs = text.isEmpty ? [] : [Run(text)]
    }

    public static func plain(_ text: String) -> ReportText { ReportText(text) }

    public static func bold(_ text: String) -> ReportText {
        ReportText(runs: text.isEmpty ? [] : [Run(text, bold: true)])
    }

    /// Text in a colour, for a RAG marker.
    public static func coloured(_ text: String, _ colour: String) -> ReportText {
        ReportText(runs: text.isEmpty ? [] : [Run(text, colour: colour)])
    }

    /// The text without formatting.
    public var plainText: String { runs.map(\.text).joined() }

    public var isEmpty: Bool { runs.allSatisfy { $0.text.isEmpty } }

    /// The runs with empty ones dropped and neighbours of the same weight merged.
    public var normalizedRuns: [Run] {
        var result: [Run] = []
        for run in runs where !run.text.isEmpty {
            if let last = result.last, last.isBold == run.isBold, last.colour == run.colour {
                result[result.count - 1].text += run.text
            } else {
                result.append(run)
            }
        }
        return result
    }

    public static func + (lhs: ReportText, rhs: ReportText) -> ReportText {
        ReportText(runs: lhs.runs + rhs.runs)
    }

    public static func += (lhs: inout ReportText, rhs: ReportText) {
        lhs.runs += rhs.runs
    }
}

extension ReportText: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(runs: stringInterpolation.runs)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var runs: [Run] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { runs.append(Run(literal)) }
        }

        public mutating func appendInterpolation(_ text: String) {
            if !text.isEmpty { runs.append(Run(text)) }
        }

        public mutating func appendInterpolation(bold text: String) {
            if !text.isEmpty { runs.append(Run(text, bold: true)) }
        }

        public mutating func appendInterpolation(_ text: ReportText) {
            runs += text.runs
        }
    }
}

// MARK: - Tables

/// One block inside a table cell.
public enum ReportCellBlock: Sendable, Hashable {
    case paragraph(ReportText)
    case bullet(ReportText)
    /// A sub-point of the bullet before it: a nested list one level down.
    case subBullet(ReportText)
    /// A small heading inside a cell, e.g. the date of a meeting in the Progress column.
    case subheading(String)
}

/// The content of one table cell: a sequence of paragraphs, bullets and subheadings.
public struct ReportCell: Sendable, Hashable {
    public var blocks: [ReportCellBlock]
    /// A background colour as six hex digits ("F4C7C3"), for RAG status cells; the cell's
    /// words always say the same, for formats (and readers) without colour.
    public var fill: String?

    public init(_ blocks: [ReportCellBlock] = []) {
        self.blocks = blocks
    }

    /// A cell holding one paragraph (or nothing when `text` is empty).
    public init(text: ReportText) {
        self.blocks = text.isEmpty ? [] : [.paragraph(text)]
    }

    public static let empty = ReportCell()

    /// A cell holding one bullet per item, e.g. the agreed actions of a project.
    public static func bullets(_ items: [ReportText]) -> ReportCell {
        ReportCell(items.map(ReportCellBlock.bullet))
    }

    /// A cell holding one bullet per list item, its sub-points nested beneath it.
    public static func bullets(_ items: [ReportListItem]) -> ReportCell {
        ReportCell(items.flatMap(\.cellBlocks))
    }

    public var isEmpty: Bool { blocks.isEmpty }

    /// The cell as plain lines: bullets prefixed "• ", subheadings and paragraphs as they are.
    public var plainLines: [String] {
        blocks.map { block in
            switch block {
            case .paragraph(let text): return text.plainText
            case .bullet(let text): return "• " + text.plainText
            case .subBullet(let text): return "  ◦ " + text.plainText
            case .subheading(let text): return text
            }
        }
    }
}

extension ReportCell: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: ReportCellBlock...) {
        self.init(elements)
    }
}

extension ReportCell: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self.init(text: ReportText(value))
    }
}

public struct ReportTable: Sendable, Hashable {
    /// The header row.
    public var columns: [String]
    public var rows: [[ReportCell]]
    /// Shown above the table (e.g. "Project 2: a directory of local services").
    public var caption: String?
    /// Relative column widths (any positive numbers); nil or a wrong count means equal widths.
    public var columnWeights: [Double]?

    public init(columns: [String], rows: [[ReportCell]] = [], caption: String? = nil, columnWeights: [Double]? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
        self.columnWeights = columnWeights
    }

    /// The number of columns every renderer uses: the header's, or more if a row is longer.
    public var columnCount: Int {
        max(columns.count, rows.map(\.count).max() ?? 0)
    }

    /// The header padded with empty titles to `columnCount`.
    public var paddedColumns: [String] {
        columns + Array(repeating: "", count: columnCount - columns.count)
    }

    /// Every row padded with empty cells to `columnCount`.
    public var paddedRows: [[ReportCell]] {
        let count = columnCount
        return rows.map { $0 + Array(repeating: ReportCell.empty, count: count - $0.count) }
    }

    /// Column widths as fractions that add up to 1.
    public var columnFractions: [Double] {
        let count = columnCount
        guard count > 0 else { return [] }
        if let weights = columnWeights, weights.count == count,
           weights.allSatisfy({ $0.isFinite && $0 > 0 }) {
            let total = weights.reduce(0, +)
            return weights.map { $0 / total }
        }
        return Array(repeating: 1.0 / Double(count), count: count)
    }
}

// MARK: - Blocks and document

/// One entry of a definition list, e.g. Who's who: "KP" → "Kim Patel, Northfield Council".
public struct ReportDefinition: Sendable, Hashable {
    public var term: String
    public var definition: ReportText

    public init(term: String, definition: ReportText) {
        self.term = term
        self.definition = definition
    }
}

public enum ReportBlock: Sendable, Hashable {
    /// Level 1 is a section of the document (the document's title ranks above it).
    case heading(level: Int, text: String)
    case paragraph(ReportText)
    case table(ReportTable)
    case bulletList([ReportText])
    /// A bulleted list whose items may have sub-points and detail lines.
    case list([ReportListItem])
    case definitionList([ReportDefinition])
}

/// A "label: value" line shown under the title (Date, Present, Apologies).
public struct ReportMetadata: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// One item of a bulleted list: its text, its sub-points (a nested list) and detail lines
/// shown after the sub-points (the action list's project and age).
public struct ReportListItem: Sendable, Hashable {
    public var text: ReportText
    public var subPoints: [ReportText]
    public var detail: ReportText

    public init(_ text: ReportText, subPoints: [ReportText] = [], detail: ReportText = ReportText()) {
        self.text = text
        self.subPoints = subPoints
        self.detail = detail
    }

    /// The item as plain lines: its text, "- point" per sub-point, then its detail.
    public var plainText: String {
        ([text.plainText] + subPoints.map { "- " + $0.plainText } + (detail.isEmpty ? [] : [detail.plainText]))
            .joined(separator: "\n")
    }

    /// The item as cell blocks: a bullet, then a sub-bullet per sub-point, then the detail
    /// as a paragraph. An item without text of its own lifts its sub-points to bullets.
    public var cellBlocks: [ReportCellBlock] {
        var blocks: [ReportCellBlock] = []
        if text.isEmpty {
            blocks += subPoints.map(ReportCellBlock.bullet)
        } else {
            blocks.append(.bullet(text))
            blocks += subPoints.map(ReportCellBlock.subBullet)
        }
        if !detail.isEmpty { blocks.append(.paragraph(detail)) }
        return blocks
    }
}

public enum ReportOrientation: String, Sendable, Hashable, CaseIterable {
    case portrait
    case landscape
}

public struct ReportDocument: Sendable, Hashable {
    public var title: String
    public var metadata: [ReportMetadata]
    public var orientation: ReportOrientation
    public var blocks: [ReportBlock]
    /// When the report was made; written to the docx properties. Nil keeps output reproducible.
    public var created: Date?
    /// The document's language as a BCP 47 tag (the HTML `lang`, the docx default language).
    public var language: String
    /// What the docx footer says on every page, left of "Page N of M": for the minutes the
    /// group, the meeting's date and the status ("Draft"). Empty: page numbers only.
    public var footer: String
    /// What the docx header says at the top of every page (the minutes' status: "DRAFT", or
    /// "Approved at the meeting of …"). Empty: no header text.
    public var header: String

    public init(
        title: String,
        metadata: [ReportMetadata] = [],
        orientation: ReportOrientation = .portrait,
        blocks: [ReportBlock] = [],
        created: Date? = nil,
        language: String = ReportDocument.defaultLanguage,
        footer: String = "",
        header: String = ""
    ) {
        self.title = title
        self.metadata = metadata
        self.orientation = orientation
        self.blocks = blocks
        self.created = created
        self.language = language
        self.footer = footer
        self.header = header
    }

    /// British English: the groups write "organisation" and "programme".
    public static let defaultLanguage = "en-GB"
}

// MARK: - Flat records (CSV)

/// A flat table of strings: what a CSV export holds.
public struct ReportRecordSet: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// A table flattened: each cell becomes its plain lines joined by a line feed.
    public init(table: ReportTable) {
        self.header = table.paddedColumns
        self.rows = table.paddedRows.map { row in row.map { $0.plainLines.joined(separator: "\n") } }
    }
}
