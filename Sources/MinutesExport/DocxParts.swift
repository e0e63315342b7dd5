import Foundation

// The fixed parts of the Word package, its styles, numbering and the page footer.
extension DocxRenderer {

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
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
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
        <Relationship Id="\(footerRelationship)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        <Relationship Id="\(headerRelationship)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
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

    /// The footer's relationship id in `word/_rels/document.xml.rels`.
    static let footerRelationship = "rId4"

    /// The header's relationship id in `word/_rels/document.xml.rels`.
    static let headerRelationship = "rId5"

    /// `word/header1.xml`: the document's header text (the minutes' status) at the top right of
    /// every page, in bold, so a printed page says whether it is a draft.
    static func header(_ document: ReportDocument, paper: PaperSize) -> String {
        let writer = DocumentWriter(document: document, paper: paper)
        let text = TextEscaping.singleLine(document.header)
        let runs = text.isEmpty ? "" : writer.run(ReportText.Run(text, bold: true))
        return xmlDeclaration + "<w:hdr xmlns:w=\"\(wordNamespace)\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"right\"/></w:pPr>" + runs + "</w:p></w:hdr>"
    }

    /// `word/footer1.xml`: the document's footer text on the left, "Page N of M" on the right
    /// (PAGE and NUMPAGES fields, which Word and LibreOffice fill in when they lay out pages).
    static func footer(_ document: ReportDocument, paper: PaperSize) -> String {
        let writer = DocumentWriter(document: document, paper: paper)
        let text = TextEscaping.singleLine(document.footer)
        var runs = ""
        if !text.isEmpty {
            runs += writer.run(ReportText.Run(text))
        }
        runs += "<w:r><w:tab/><w:t xml:space=\"preserve\">Page </w:t></w:r>" + field("PAGE")
            + "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>" + field("NUMPAGES")
        return xmlDeclaration + "<w:ftr xmlns:w=\"\(wordNamespace)\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"\(writer.textWidth)\"/></w:tabs></w:pPr>"
            + runs + "</w:p></w:ftr>"
    }

    /// A field as Word writes it (begin, instruction, separate, a placeholder result, end).
    static func field(_ instruction: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText xml:space=\"preserve\"> \(instruction) </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r><w:t>1</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    /// The indent of a bullet at a numbering level (as in `numbering`).
    static func bulletIndent(level: Int) -> String {
        "<w:ind w:left=\"\(284 * (min(max(level, 0), 2) + 1))\" w:hanging=\"227\"/>"
    }

    /// The default language of the text (`w:val`) and of complex-script text (`w:bidi`).
    /// Complex-script text is only labelled when the document's language is itself written in
    /// such a script (`--lang ur-PK`): labelling every Arabic-script or Indic run as one
    /// language would mislabel the others, and shaping does not need the label.
    static func languageAttributes(_ language: String) -> String {
        let tag = HTMLRenderer.languageTag(language)
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        let complexScript: Set<String> = ["ar", "ur", "fa", "ps", "sd", "ug", "he", "yi", "dv", "syr",
                                          "hi", "gu", "pa", "bn", "ta", "te", "kn", "ml", "mr", "ne",
                                          "or", "si", "th", "lo", "km", "my", "am", "ti"]
        let escaped = TextEscaping.xmlEscape(tag)
        return complexScript.contains(primary)
            ? "w:val=\"\(escaped)\" w:bidi=\"\(escaped)\"" : "w:val=\"\(escaped)\""
    }

    static func styles(language: String) -> String {
        let lang = languageAttributes(language)
        let fonts = #"<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Arial"/>"#
        return xmlDeclaration + """
            <w:styles xmlns:w="\(wordNamespace)">\
            <w:docDefaults>\
            <w:rPrDefault><w:rPr>\(fonts)<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang \(lang)/></w:rPr></w:rPrDefault>\
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
            <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr>\
            <w:spacing w:after="40"/><w:ind w:left="284" w:hanging="227"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="ListContinue"><w:name w:val="List Continue"/><w:basedOn w:val="Normal"/>\
            <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>\
            <w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="404040"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>\
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
