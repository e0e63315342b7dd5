import Foundation
import ZIPFoundation

/// Renders a report as a Word document (Office Open XML, WordprocessingML, transitional).
///
/// The package holds `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`,
/// `docProps/app.xml`, `word/document.xml`, `word/styles.xml`, `word/numbering.xml`,
/// `word/settings.xml` and `word/_rels/document.xml.rels`. Elements are written in the order the
/// schema prescribes, every table cell holds at least one paragraph, and all text goes through
/// `TextEscaping.xmlEscape`.
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
            "word/_rels/document.xml.rels": documentRelationships,
        ]
    }

    // MARK: Package parts

    static let xmlDeclaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static let contentTypes = xmlDeclaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = xmlDeclaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let documentRelationships = xmlDeclaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        </Relationships>
        """

    static let appProperties = xmlDeclaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
        <Application>minutes</Application><DocSecurity>0</DocSecurity>\
        </Properties>
        """

    static func coreProperties(_ document: ReportDocument) -> String {
        var xml = xmlDeclaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            """
        xml += "<dc:title>\(TextEscaping.xmlEscape(TextEscaping.singleLine(document.title)))</dc:title>"
        xml += "<dc:creator>minutes</dc:creator>"
        xml += "<dc:language>\(TextEscaping.xmlEscape(HTMLRenderer.languageTag(document.language)))</dc:language>"
        if let created = document.created {
            let stamp = w3cTimestamp(created)
            xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created>"
            xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:modified>"
        }
        xml += "</cp:coreProperties>"
        return xml
    }

    /// "2009-06-26T18:30:00Z"
    static func w3cTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let year = String(c.year ?? 2000)
        return "\(year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    static let settings = xmlDeclaration + """
        <w:settings xmlns:w="\(wordNamespace)">\
        <w:defaultTabStop w:val="720"/>\
        <w:characterSpacingControl w:val="doNotCompress"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """

    /// Bullet list: one abstract numbering with a "•" at each of three levels.
    static let numbering = xmlDeclaration + """
        <w:numbering xmlns:w="\(wordNamespace)">\
        <w:abstractNum w:abstractNumId="0">\
        <w:multiLevelType w:val="hybridMultilevel"/>\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>\
        <w:pPr><w:ind w:left="284" w:hanging="227"/></w:pPr></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/><w:lvlJc w:val="left"/>\
        <w:pPr><w:ind w:left="568" w:hanging="227"/></w:pPr></w:lvl>\
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="▪"/><w:lvlJc w:val="left"/>\
        <w:pPr><w:ind w:left="852" w:hanging="227"/></w:pPr></w:lvl>\
        </w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>\
        </w:numbering>
        """

    static let borderColor = "7F8A99"
    static let headerFill = "DFE6F0"

    static func borders(_ tag: String) -> String {
        let sides = ["top", "left", "bottom", "right", "insideH", "insideV"]
        return "<w:\(tag)>" + sides.map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"\(borderColor)\"/>"
        }.joined() + "</w:\(tag)>"
    }

    static func styles(language: String) -> String {
        let lang = TextEscaping.xmlEscape(HTMLRenderer.languageTag(language))
        let fonts = #"<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Arial"/>"#
        return xmlDeclaration + """
            <w:styles xmlns:w="\(wordNamespace)">\
            <w:docDefaults>\
            <w:rPrDefault><w:rPr>\(fonts)<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="\(lang)" w:bidi="ur-PK"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
            </w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
            <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>\
            <w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>\
            <w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="160"/><w:outlineLvl w:val="0"/></w:pPr>\
            <w:rPr><w:b/><w:bCs/><w:color w:val="1F3763"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>\
            <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="0"/></w:pPr>\
            <w:rPr><w:b/><w:bCs/><w:color w:val="1F3763"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>\
            <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>\
            <w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>\
            <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr>\
            <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>\
            <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>\
            <w:spacing w:after="40"/><w:ind w:left="284" w:hanging="227"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableHeading"><w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/>\
            <w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableSubheading"><w:name w:val="Table Subheading"/><w:basedOn w:val="TableText"/><w:next w:val="TableText"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:spacing w:before="100" w:after="40"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3763"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableBullet"><w:name w:val="Table Bullet"/><w:basedOn w:val="TableText"/><w:qFormat/>\
            <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="20"/><w:ind w:left="284" w:hanging="227"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableCaption"><w:name w:val="Table Caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="WhoEntry"><w:name w:val="Who Entry"/><w:basedOn w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs><w:spacing w:after="20"/><w:ind w:left="1134" w:hanging="1134"/></w:pPr></w:style>\
            <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>\
            <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
            <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            <w:style w:type="table" w:styleId="MinutesTable"><w:name w:val="Minutes Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>\
            <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>\
            <w:tblPr>\(borders("tblBorders"))<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
            <w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>\
            <w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="\(headerFill)"/></w:tcPr></w:tblStylePr>\
            </w:style>\
            </w:styles>
            """
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
        let section = "<w:sectPr><w:pgSz w:w=\"\(w)\" w:h=\"\(h)\"\(orient)/>"
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
            return paragraph(text: ReportText(TextEscaping.singleLine(text)), style: style)
        case .paragraph(let text):
            return paragraph(text: text, style: nil)
        case .bulletList(let items):
            return items.map { paragraph(text: $0, style: "ListBullet", bullet: true) }.joined()
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
            xml += paragraph(text: ReportText(TextEscaping.singleLine(caption)), style: "TableCaption")
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
            xml += "<w:tr>"
            for (cell, width) in zip(row, widths) {
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
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

    /// `<w:p>` with its properties in schema order (pStyle, numPr, bidi) and its runs.
    func paragraph(text: ReportText, style: String?, bullet: Bool = false) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if bullet { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" }
        if BidiDirection.firstStrong(in: text.plainText) == .rightToLeft { properties += "<w:bidi/>" }
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
