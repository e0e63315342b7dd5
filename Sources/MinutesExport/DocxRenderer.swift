import Foundation
import ZIPFoundation

/// Renders a report as a Word document (Office Open XML, WordprocessingML, transitional).
///
/// The package holds `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`,
/// `docProps/app.xml`, `word/document.xml`, `word/styles.xml`, `word/numbering.xml`,
/// `word/settings.xml`, `word/footer1.xml` and `word/_rels/document.xml.rels`. Elements are written in the order the
/// schema prescribes, every table cell holds at least one paragraph, and all text goes through
/// `TextEscaping.xmlEscape`.
///
/// Printed, it reads as minutes should: a table row never breaks across pages (`w:cantSplit`;
/// Word and LibreOffice still break a row taller than a page), headings stay with the table
/// after them (`w:keepNext`), header rows repeat, and every page has a footer saying what the
/// document is (`ReportDocument.footer`) and "Page N of M".
public enum DocxRenderer {

    public enum PaperSize: String, Sendable, CaseIterable {
        case a4
        case letter

        /// Portrait width and height in twentieths of a point.
        var portraitTwips: (width: Int, height: Int) {
            switch self {
            case .a4: return (11906, 16838)
            case .letter: return (12240, 15840)
            }
        }
    }

    public enum RenderError: Error, CustomStringConvertible {
        case archiveUnavailable

        public var description: String { "could not assemble the Word document in memory" }
    }

    /// The part names, in the order they are stored.
    public static let partNames = [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/footer1.xml",
        "word/header1.xml",
        "word/_rels/document.xml.rels",
    ]

    public static func render(_ document: ReportDocument, paper: PaperSize = .a4) throws -> Data {
        let parts = self.parts(for: document, paper: paper)
        let archive = try Archive(accessMode: .create)
        // A fixed time keeps the output reproducible when the document has no date.
        let modified = document.created ?? Date(timeIntervalSince1970: 946_684_800)
        for name in partNames {
            guard let text = parts[name] else { continue }
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: modified, compressionMethod: .deflate
            ) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        }
        guard let data = archive.data else { throw RenderError.archiveUnavailable }
        return data
    }

    /// Every part's XML text by part name (the zip is made of exactly these).
    public static func parts(for document: ReportDocument, paper: PaperSize = .a4) -> [String: String] {
        [
            "[Content_Types].xml": contentTypes,
            "_rels/.rels": packageRelationships,
            "docProps/core.xml": coreProperties(document),
            "docProps/app.xml": appProperties,
            "word/document.xml": DocumentWriter(document: document, paper: paper).xml(),
            "word/styles.xml": styles(language: document.language),
            "word/numbering.xml": numbering,
            "word/settings.xml": settings,
            "word/footer1.xml": footer(document, paper: paper),
            "word/header1.xml": header(document, paper: paper),
            "word/_rels/document.xml.rels": documentRelationships,
        ]
    }
}

// MARK: - word/document.xml

/// Writes the body of the document.
struct DocumentWriter {
    let document: ReportDocument
    let paper: DocxRenderer.PaperSize

    /// Page margins in twips (2 cm).
    static let margin = 1134

    var page: (width: Int, height: Int) {
        let portrait = paper.portraitTwips
        return document.orientation == .landscape
            ? (portrait.height, portrait.width) : (portrait.width, portrait.height)
    }

    var textWidth: Int { page.width - 2 * Self.margin }

    func xml() -> String {
        var body = ""
        body += paragraph(text: ReportText(TextEscaping.singleLine(document.title)), style: "Title")
        for item in document.metadata {
            let label = ReportText.bold(TextEscaping.singleLine(item.label) + ": ")
            body += paragraph(text: label + ReportText(item.value), style: nil)
        }
        var lastWasTable = false
        for block in document.blocks {
            if case .table = block {
                // Word merges tables that touch; keep them apart with an empty paragraph.
                if lastWasTable { body += "<w:p/>" }
                lastWasTable = true
            } else {
                lastWasTable = false
            }
            body += render(block)
        }
        // A document should not end with a table.
        if lastWasTable { body += "<w:p/>" }

        let (w, h) = page
        let orient = document.orientation == .landscape ? " w:orient=\"landscape\"" : ""
        let m = Self.margin
        let section = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"\(DocxRenderer.headerRelationship)\"/>"
            + "<w:footerReference w:type=\"default\" r:id=\"\(DocxRenderer.footerRelationship)\"/><w:pgSz w:w=\"\(w)\" w:h=\"\(h)\"\(orient)/>"
            + "<w:pgMar w:top=\"\(m)\" w:right=\"\(m)\" w:bottom=\"\(m)\" w:left=\"\(m)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>"
        return DocxRenderer.xmlDeclaration
            + "<w:document xmlns:w=\"\(DocxRenderer.wordNamespace)\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<w:body>" + body + section + "</w:body></w:document>"
    }

    func render(_ block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text):
            let style = "Heading\(min(max(level, 1), 3))"
            return paragraph(text: ReportText(TextEscaping.singleLine(text)), style: style, keepNext: true)
        case .paragraph(let text):
            return paragraph(text: text, style: nil)
        case .bulletList(let items):
            return render(.list(items.map { ReportListItem($0) }))
        case .list(let items):
            return items.map(render).joined()
        case .definitionList(let entries):
            return entries.map { entry in
                let term = ReportText.bold(TextEscaping.singleLine(entry.term)) + ReportText("\t")
                return paragraph(text: term + entry.definition, style: "WhoEntry")
            }.joined()
        case .table(let table):
            return render(table)
        }
    }

    func render(_ table: ReportTable) -> String {
        let columns = table.paddedColumns
        guard !columns.isEmpty else { return "" }
        var xml = ""
        if let caption = table.caption, !TextEscaping.singleLine(caption).isEmpty {
            xml += paragraph(text: ReportText(TextEscaping.singleLine(caption)), style: "TableCaption", keepNext: true)
        }
        let widths = columnWidths(table.columnFractions)
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"MinutesTable\"/>"
        xml += "<w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
        xml += DocxRenderer.borders("tblBorders")
        xml += "<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblLook w:val=\"0620\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
        xml += "</w:tblPr><w:tblGrid>"
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        xml += "</w:tblGrid>"

        // Header row, repeated on every page.
        xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (column, width) in zip(columns, widths) {
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
            xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(DocxRenderer.headerFill)\"/></w:tcPr>"
            xml += paragraph(text: ReportText(TextEscaping.singleLine(column)), style: "TableHeading")
            xml += "</w:tc>"
        }
        xml += "</w:tr>"

        for row in table.paddedRows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for (cell, width) in zip(row, widths) {
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if let fill = cell.fill { xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
                xml += "</w:tcPr>"
                xml += render(cell)
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        return xml
    }

    /// A cell's paragraphs; at least one, as the schema requires.
    func render(_ cell: ReportCell) -> String {
        let paragraphs = cell.blocks.map { block -> String in
            switch block {
            case .paragraph(let text):
                return paragraph(text: text, style: "TableText")
            case .bullet(let text):
                return paragraph(text: text, style: "TableBullet", bullet: true)
            case .subBullet(let text):
                return paragraph(text: text, style: "TableBullet", bullet: true, level: 1)
            case .subheading(let text):
                return paragraph(text: ReportText(TextEscaping.singleLine(text)), style: "TableSubheading")
            }
        }
        return paragraphs.isEmpty ? "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>" : paragraphs.joined()
    }

    /// Twip widths for the fractions, adding up to the text width exactly.
    func columnWidths(_ fractions: [Double]) -> [Int] {
        var widths = fractions.map { Int((Double(textWidth) * $0).rounded(.down)) }
        if !widths.isEmpty {
            widths[widths.count - 1] += textWidth - widths.reduce(0, +)
        }
        return widths
    }

    // MARK: Paragraphs and runs

    /// A list item: its text as a bullet, each sub-point a bullet one level down, and its
    /// detail lines under the text. Without sub-points the detail follows the text in the same
    /// paragraph after a line break, as a list entry of several lines always was.
    func render(_ item: ReportListItem) -> String {
        if item.subPoints.isEmpty {
            let text = item.detail.isEmpty ? item.text : item.text + ReportText("\n") + item.detail
            return paragraph(text: text, style: "ListBullet", bullet: true)
        }
        var xml = ""
        if !item.text.isEmpty { xml += paragraph(text: item.text, style: "ListBullet", bullet: true) }
        for point in item.subPoints {
            xml += paragraph(text: point, style: "ListBullet", bullet: true, level: item.text.isEmpty ? 0 : 1)
        }
        if !item.detail.isEmpty { xml += paragraph(text: item.detail, style: "ListContinue") }
        return xml
    }

    /// `<w:p>` with its properties in schema order (pStyle, keepNext, numPr, bidi, ind) and its
    /// runs. A bullet at `level` 1 is a sub-point; its indent is given on the paragraph as well,
    /// since the bullet styles set the first level's.
    func paragraph(text: ReportText, style: String?, bullet: Bool = false, level: Int = 0, keepNext: Bool = false) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if keepNext { properties += "<w:keepNext/>" }
        if bullet { properties += "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"1\"/></w:numPr>" }
        if BidiDirection.firstStrong(in: text.plainText) == .rightToLeft { properties += "<w:bidi/>" }
        if bullet && level > 0 { properties += DocxRenderer.bulletIndent(level: level) }
        var xml = "<w:p>"
        if !properties.isEmpty { xml += "<w:pPr>\(properties)</w:pPr>" }
        for run in text.normalizedRuns {
            xml += self.run(run)
        }
        xml += "</w:p>"
        return xml
    }

    /// `<w:r>` with bold and right-to-left properties; line feeds become `<w:br/>`, tabs `<w:tab/>`.
    func run(_ run: ReportText.Run) -> String {
        let text = TextEscaping.sanitized(run.text, tabsAsSpaces: false)
        guard !text.isEmpty else { return "" }
        var properties = ""
        if run.isBold { properties += "<w:b/><w:bCs/>" }
        if let colour = run.colour { properties += "<w:color w:val=\"\(TextEscaping.xmlEscape(colour))\"/>" }
        if BidiDirection.isRightToLeftOnly(text) { properties += "<w:rtl/>" }
        var xml = "<w:r>"
        if !properties.isEmpty { xml += "<w:rPr>\(properties)</w:rPr>" }
        if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) {
            // One line without tabs, as nearly every run is: one text element.
            xml += "<w:t xml:space=\"preserve\">\(TextEscaping.xmlEscape(text))</w:t></w:r>"
            return xml
        }
        // Split on the bytes of line feed and tab rather than on characters: both are controls,
        // which are always grapheme clusters of their own, so the pieces are the same.
        for (lineIndex, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if lineIndex > 0 { xml += "<w:br/>" }
            for (tabIndex, piece) in line.split(separator: 0x09, omittingEmptySubsequences: false).enumerated() {
                if tabIndex > 0 { xml += "<w:tab/>" }
                if !piece.isEmpty {
                    xml += "<w:t xml:space=\"preserve\">\(TextEscaping.xmlEscape(String(Substring(piece))))</w:t>"
                }
            }
        }
        xml += "</w:r>"
        return xml
    }
}

// MARK: - Direction

/// A rough Unicode bidi classification, enough to mark right-to-left paragraphs and runs.
enum BidiDirection: Equatable {
    case leftToRight
    case rightToLeft

    static func of(_ scalar: Unicode.Scalar) -> BidiDirection? {
        let v = scalar.value
        // ASCII without looking up Unicode properties: only its letters are strong.
        if v < 0x80 {
            return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) ? .leftToRight : nil
        }
        let isRTLBlock = (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v)
            || (0xFE70...0xFEFF).contains(v) || (0x10800...0x10FFF).contains(v)
            || (0x1E800...0x1EFFF).contains(v)
        if isRTLBlock {
            // Arabic-Indic digits, marks and punctuation are not strong.
            return scalar.properties.isAlphabetic && scalar.properties.numericType == nil
                && scalar.properties.generalCategory != .nonspacingMark ? .rightToLeft : nil
        }
        if v == 0x200F || v == 0x061C { return .rightToLeft }
        if v == 0x200E { return .leftToRight }
        return scalar.properties.isAlphabetic && scalar.properties.generalCategory != .nonspacingMark
            && scalar.properties.generalCategory != .spacingMark ? .leftToRight : nil
    }

    /// The direction of the first strong character, as `dir="auto"` decides it.
    static func firstStrong(in text: String) -> BidiDirection? {
        for scalar in text.unicodeScalars {
            if let direction = of(scalar) { return direction }
        }
        return nil
    }

    /// Whether the text has right-to-left letters and no left-to-right ones.
    static func isRightToLeftOnly(_ text: String) -> Bool {
        var sawRTL = false
        for scalar in text.unicodeScalars {
            switch of(scalar) {
            case .leftToRight: return false
            case .rightToLeft: sawRTL = true
            case nil: continue
            }
        }
        return sawRTL
    }
}
