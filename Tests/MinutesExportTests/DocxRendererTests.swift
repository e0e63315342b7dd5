import Foundation
import Testing
import ZIPFoundation
@testable import MinutesExport

@Suite struct DocxRendererTests {

    /// The parts of a rendered document, read back from the zip.
    static func unzip(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts[entry.path] = content
        }
        return parts
    }

    static func renderedParts(_ document: ReportDocument = SampleReports.minutes) throws -> [String: Data] {
        try unzip(DocxRenderer.render(document))
    }

    static func body(_ document: ReportDocument = SampleReports.minutes) throws -> Node {
        let parts = try renderedParts(document)
        let xml = try #require(parts["word/document.xml"])
        return try #require(try XMLTree.parse(xml).first("w:body"))
    }

    /// The text of a paragraph or run, with `<w:br/>` as a line feed and `<w:tab/>` as a tab.
    static func text(of node: Node) -> String {
        switch node.name {
        case "w:t": return node.text
        case "w:br": return "\n"
        case "w:tab" where node.children.isEmpty && node.attributes.isEmpty: return "\t"
        default: return node.children.map(text(of:)).joined()
        }
    }

    @Test func docxContainsEveryPartAndEachParsesAsXML() throws {
        let parts = try Self.renderedParts()
        #expect(Set(parts.keys) == Set(DocxRenderer.partNames))
        for name in [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
            "word/_rels/document.xml.rels", "word/numbering.xml", "docProps/core.xml", "docProps/app.xml",
        ] {
            let data = try #require(parts[name], "missing \(name)")
            #expect(throws: Never.self, "\(name) is not well formed") { try XMLTree.parse(data) }
        }
    }

    @Test func docxContentTypesAndRelationshipsPointAtRealParts() throws {
        let parts = try Self.renderedParts()
        let types = try XMLTree.parse(#require(parts["[Content_Types].xml"]))
        let overrides = types.children("Override").compactMap { $0.attributes["PartName"] }
        for name in parts.keys where !name.hasSuffix(".rels") && name != "[Content_Types].xml" {
            #expect(overrides.contains("/" + name), "no content type for \(name)")
        }
        let packageRels = try XMLTree.parse(#require(parts["_rels/.rels"])).children("Relationship").compactMap { $0.attributes["Target"] }
        #expect(packageRels.allSatisfy { parts[$0] != nil })
        let documentRels = try XMLTree.parse(#require(parts["word/_rels/document.xml.rels"])).children("Relationship").compactMap { $0.attributes["Target"] }
        #expect(documentRels.sorted() == ["footer1.xml", "header1.xml", "numbering.xml", "settings.xml", "styles.xml"])
        #expect(documentRels.allSatisfy { parts["word/" + $0] != nil })
    }

    @Test func docxHasThreeTablesWithHeaderRowsAndThreeColumns() throws {
        let body = try Self.body()
        let tables = body.children("w:tbl")
        #expect(tables.count == 3)
        for table in tables {
            let rows = table.children("w:tr")
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.children("w:tc").count == 3 })
            #expect(table.first("w:tblGrid")?.children("w:gridCol").count == 3)
            #expect(rows[0].first("w:trPr")?.first("w:tblHeader") != nil)
            #expect(rows[1].first("w:tblHeader") == nil)
            #expect(rows[0].children("w:tc").map(Self.text(of:)) == ["Actions required", "Progress: 26 March 2025", "To do by next meeting"])
            #expect(table.first("w:tblPr")?.first("w:tblStyle")?.attributes["w:val"] == "MinutesTable")
            #expect(table.first("w:tblBorders")?.children.count == 6)
        }
        // Landscape A4 less two 2 cm margins, shared out between the columns.
        let widths = tables[0].first("w:tblGrid")?.children("w:gridCol").compactMap { $0.attributes["w:w"].flatMap(Int.init) }
        #expect(widths == [4856, 4856, 4858])
    }

    @Test func docxEveryTableCellHoldsAParagraph() throws {
        let body = try Self.body()
        let cells = body.all("w:tc")
        #expect(cells.count == 18)
        #expect(cells.allSatisfy { !$0.children("w:p").isEmpty })
        #expect(cells.allSatisfy { $0.first("w:tcPr")?.first("w:tcW") != nil })
    }

    @Test func docxBoldRunsAreTheLabelsOwnersAndTerms() throws {
        let body = try Self.body()
        let boldRuns = body.all("w:r").filter { $0.first("w:rPr")?.first("w:b") != nil }.map(Self.text(of:))
        #expect(boldRuns == [
            "Date: ", "Present: ", "Apologies: ",
            "KP", "DD", "KP", "SM",
            "All",
            "AB", "DD", "KP", "SM",
        ])
    }

    @Test func docxCellBulletsAreNumberedParagraphs() throws {
        let body = try Self.body()
        let firstTable = try #require(body.children("w:tbl").first)
        let bodyCells = firstTable.children("w:tr")[1].children("w:tc")
        let bullets = bodyCells[2].children("w:p").filter { $0.first("w:pPr")?.first("w:numPr")?.first("w:numId")?.attributes["w:val"] == "1" }
        #expect(bullets.map(Self.text(of:)) == ["KP to book the cycle trainers (from 12 February)", "DD to collect the questionnaire returns"])
        let progress = bodyCells[1].children("w:p")
        #expect(progress.first?.first("w:pStyle")?.attributes["w:val"] == "TableSubheading")
        #expect(progress.first.map(Self.text(of:)) == "12 February 2025")
    }

    @Test func docxLineBreaksInTextBecomeBreaks() throws {
        let body = try Self.body()
        let paragraph = try #require(body.all("w:p").first { Self.text(of: $0).hasPrefix("Eleven organisations") })
        #expect(Self.text(of: paragraph) == "Eleven organisations have sent their entry back.\nThree still to come.")
        #expect(paragraph.all("w:br").count == 1)
        #expect(body.all("w:t").allSatisfy { $0.attributes["xml:space"] == "preserve" })
    }

    @Test func docxHostileTextSurvivesEscapedAndForbiddenCharactersAreGone() throws {
        let parts = try Self.renderedParts()
        let raw = String(decoding: try #require(parts["word/document.xml"]), as: UTF8.self)
        #expect(!raw.contains("<script"))
        #expect(raw.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(!raw.containsScalar(where: TextEscaping.isXMLForbidden))
        #expect(!raw.containsScalar { TextEscaping.isControl($0) || TextEscaping.isBidiControl($0) })

        let body = try XMLTree.parse(Data(raw.utf8))
        let hostile = try #require(body.all("w:p").first { Self.text(of: $0).contains("alert") })
        #expect(Self.text(of: hostile) == "<script>alert('x')</script> & \"quoted\" [31mred bellnul desrever\nnext line =cmd|' /C calc'!A0")
    }

    @Test func docxMarksRightToLeftParagraphs() throws {
        let body = try Self.body()
        let urdu = try #require(body.all("w:p").first { Self.text(of: $0) == SampleReports.urdu })
        #expect(urdu.first("w:pPr")?.first("w:bidi") != nil)
        #expect(urdu.first("w:r")?.first("w:rPr")?.first("w:rtl") != nil)
        let gujarati = try #require(body.all("w:p").first { Self.text(of: $0) == SampleReports.gujarati })
        #expect(gujarati.first("w:bidi") == nil)
        #expect(body.all("w:p").contains { Self.text(of: $0) == SampleReports.chinese })
    }

    @Test func docxSectionIsLandscapeWithSwappedPageSize() throws {
        let section = try #require(try Self.body().children("w:sectPr").first)
        let size = try #require(section.first("w:pgSz"))
        #expect(size.attributes["w:w"] == "16838")
        #expect(size.attributes["w:h"] == "11906")
        #expect(size.attributes["w:orient"] == "landscape")

        let portrait = try #require(try Self.body(ReportDocument(title: "Actions")).children("w:sectPr").first?.first("w:pgSz"))
        #expect(portrait.attributes["w:w"] == "11906")
        #expect(portrait.attributes["w:h"] == "16838")
        #expect(portrait.attributes["w:orient"] == nil)
    }

    /// The schema fixes the order of these elements' children; Word reports a damaged file otherwise.
    static let schemaOrder: [String: [String]] = [
        "w:pPr": ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:numPr",
                  "w:pBdr", "w:shd", "w:tabs", "w:bidi", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc",
                  "w:outlineLvl", "w:rPr"],
        "w:rPr": ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:sz", "w:szCs",
                  "w:u", "w:rtl", "w:lang"],
        "w:tblPr": ["w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                    "w:tblCellMar", "w:tblLook"],
        "w:tcPr": ["w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar", "w:vAlign"],
        "w:sectPr": ["w:headerReference", "w:footerReference", "w:type", "w:pgSz", "w:pgMar", "w:cols", "w:docGrid"],
        "w:tblBorders": ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"],
        "w:tblCellMar": ["w:top", "w:left", "w:bottom", "w:right"],
        "w:lvl": ["w:start", "w:numFmt", "w:lvlText", "w:lvlJc", "w:pPr", "w:rPr"],
        "w:style": ["w:name", "w:basedOn", "w:next", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed",
                    "w:qFormat", "w:pPr", "w:rPr", "w:tblPr", "w:tcPr", "w:tblStylePr"],
        "w:tc": ["w:tcPr", "w:p"],
        "w:tbl": ["w:tblPr", "w:tblGrid", "w:tr"],
        "w:p": ["w:pPr", "w:r"],
    ]

    static func orderProblems(in node: Node) -> [String] {
        var problems: [String] = []
        if let order = schemaOrder[node.name] {
            let positions = node.children.map { child -> Int in
                guard let position = order.firstIndex(of: child.name) else {
                    problems.append("\(child.name) not expected in \(node.name)")
                    return -1
                }
                return position
            }
            if positions != positions.sorted() {
                problems.append("\(node.name) children out of order: \(node.children.map(\.name))")
            }
        }
        return problems + node.children.flatMap(orderProblems(in:))
    }

    @Test func docxElementsFollowTheSchemaOrder() throws {
        let parts = try Self.renderedParts()
        for name in ["word/document.xml", "word/styles.xml", "word/numbering.xml"] {
            let root = try XMLTree.parse(#require(parts[name]))
            #expect(Self.orderProblems(in: root) == [], "\(name)")
        }
    }

    @Test func docxStylesDefineAReadableFontHeadingsBulletsAndABorderedTable() throws {
        let parts = try Self.renderedParts()
        let styles = try XMLTree.parse(#require(parts["word/styles.xml"]))
        let ids = Set(styles.children("w:style").compactMap { $0.attributes["w:styleId"] })
        #expect(ids.isSuperset(of: ["Normal", "Heading1", "Heading2", "ListBullet", "MinutesTable", "TableNormal"]))
        let defaults = try #require(styles.first("w:rPrDefault"))
        #expect(defaults.first("w:rFonts")?.attributes["w:ascii"] == "Calibri")
        #expect(defaults.first("w:sz")?.attributes["w:val"] == "21")
        let table = try #require(styles.children("w:style").first { $0.attributes["w:styleId"] == "MinutesTable" })
        #expect(table.first("w:tblBorders")?.children.allSatisfy { $0.attributes["w:val"] == "single" } == true)

        let numbering = try XMLTree.parse(#require(parts["word/numbering.xml"]))
        #expect(numbering.first("w:numFmt")?.attributes["w:val"] == "bullet")
        #expect(numbering.children("w:num").first?.attributes["w:numId"] == "1")
    }

    @Test func docxCorePropertiesCarryTheTitleAndDate() throws {
        let parts = try Self.renderedParts()
        let core = try XMLTree.parse(#require(parts["docProps/core.xml"]))
        #expect(core.first("dc:title")?.text == "Be Safe Working Group — minutes")
        #expect(core.first("dcterms:created")?.text == "2025-03-26T14:40:00Z")
    }

    @Test func docxOutputIsReproducible() throws {
        #expect(try DocxRenderer.render(SampleReports.minutes) == DocxRenderer.render(SampleReports.minutes))
    }

    @Test func docxKeepsTouchingTablesApartAndEndsWithAParagraph() throws {
        let table = ReportTable(columns: ["A"], rows: [[[]]])
        let body = try Self.body(ReportDocument(title: "T", blocks: [.table(table), .table(table)]))
        let names = body.children.map(\.name)
        #expect(names == ["w:p", "w:tbl", "w:p", "w:tbl", "w:p", "w:sectPr"])
        #expect(body.all("w:tc").allSatisfy { !$0.children("w:p").isEmpty })
    }
}
