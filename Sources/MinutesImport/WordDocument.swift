import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One line of a paragraph: the text up to a soft line break (`w:br`) or the paragraph's end.
public struct WordLine: Sendable, Hashable {
    public var text: String
    /// Every letter in it is bold (a heading or a headline in a cell).
    public var isBold: Bool
    /// Every letter in it is struck through (a follow-up crossed off).
    public var isStruck: Bool
}

/// A paragraph: its lines, and whether Word numbers it as a list item (`w:numPr`).
public struct WordParagraph: Sendable, Hashable {
    public var lines: [WordLine]
    public var isListItem: Bool
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

public enum VerticalMerge: Sendable, Hashable { case none, restart, `continue` }

public struct WordCell: Sendable, Hashable {
    public var paragraphs: [WordParagraph] = []
    /// How many grid columns it covers (`w:gridSpan`).
    public var span = 1
    public var verticalMerge = VerticalMerge.none
    public var text: String { paragraphs.map(\.text).joined(separator: "\n") }
}

public struct WordTable: Sendable, Hashable {
    public var rows: [[WordCell]] = []
}

public enum WordBlock: Sendable, Hashable {
    case paragraph(WordParagraph)
    case table(WordTable)
}

/// Reads `word/document.xml` into paragraphs and tables, with Foundation's `XMLParser`.
///
/// Only what minutes need is kept: text (runs joined, so a word Word split across runs reads
/// whole), soft line breaks, list numbering, bold and strike-through, and table cells with
/// their spans and vertical merges. A table inside a cell is flattened into the cell.
public enum WordDocumentReader {
    public static func read(_ package: DocxPackage) throws -> [WordBlock] {
        let listFormats = package.numbering.map(NumberingReader.read) ?? [:]
        let delegate = Delegate(listFormats: listFormats)
        let parser = XMLParser(data: package.document)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            throw DocxError.badXML(part: "word/document.xml", line: parser.lineNumber, message: message)
        }
        return delegate.blocks
    }

    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { $0.key.hasSuffix(":" + name) }?.value
    }

    /// `w:b`, `w:strike`: on unless `w:val` says 0, false or off.
    static func isOn(_ attributes: [String: String]) -> Bool {
        guard let v = attribute("val", in: attributes) else { return true }
        return !["0", "false", "off", "none"].contains(v.lowercased())
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let listFormats: [String: String]
        var blocks: [WordBlock] = []
        /// Open tables, innermost last; a table inside a cell is flattened into that cell.
        var tables: [WordTable] = []
        var row: [WordCell]?
        var cell: WordCell?
        var paragraph: WordParagraph?
        var line = WordLine(text: "", isBold: true, isStruck: true)
        var lineHasText = false
        var numId: String?
        var inParagraphProperties = false
        var inRunProperties = false
        var runBold = false
        var runStrike = false
        var inText = false
        /// Inside `mc:Fallback` (a copy of what `mc:Choice` holds), deleted text, or a text box
        /// (its paragraphs would nest inside the paragraph that anchors it).
        var skipping = 0
        static let skipped: Set<String> = ["Fallback", "del", "txbxContent"]

        init(listFormats: [String: String]) { self.listFormats = listFormats }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if Self.skipped.contains(name) { skipping += 1 }
            guard skipping == 0 else { return }
            switch name {
            case "tbl": tables.append(WordTable())
            case "tr": if tables.count == 1 { row = [] }
            case "tc": if tables.count == 1 { cell = WordCell() }
            case "gridSpan": cell?.span = max(1, Int(attribute("val", in: attributes) ?? "1") ?? 1)
            case "vMerge":
                if tables.count == 1 { cell?.verticalMerge = attribute("val", in: attributes) == "restart" ? .restart : .continue }
            case "p":
                paragraph = WordParagraph(lines: [], isListItem: false)
                startLine()
                numId = nil
            case "pPr": inParagraphProperties = true
            case "pStyle":
                // Word's built-in list styles number their paragraphs through the style.
                if let s = attribute("val", in: attributes)?.lowercased(), s.contains("list"), s.contains("bullet") || s.contains("number") {
                    paragraph?.isListItem = true
                }
            case "numId": if inParagraphProperties { numId = attribute("val", in: attributes) }
            case "rPr": if !inParagraphProperties { inRunProperties = true }
            case "r": runBold = false; runStrike = false
            case "b": if inRunProperties { runBold = WordDocumentReader.isOn(attributes) }
            case "strike", "dstrike": if inRunProperties { runStrike = runStrike || WordDocumentReader.isOn(attributes) }
            case "t": inText = true
            case "tab": if !inParagraphProperties { append(" ") }
            case "noBreakHyphen": append("-")
            case "br", "cr":
                // A page break is not a line of text; anything else breaks the line.
                if attribute("type", in: attributes) != "page" { endLine() }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if Self.skipped.contains(name) { skipping -= 1; return }
            guard skipping == 0 else { return }
            switch name {
            case "t": inText = false
            case "pPr":
                inParagraphProperties = false
                // numId 0 means "not numbered"; a level formatted "none" shows no bullet.
                if let n = numId, n != "0", listFormats[n] != "none" { paragraph?.isListItem = true }
            case "rPr": inRunProperties = false
            case "p":
                endLine()
                if let p = paragraph { finish(p) }
                paragraph = nil
            case "tc":
                if tables.count == 1, let c = cell { row?.append(c); cell = nil }
            case "tr":
                if tables.count == 1, let r = row { tables[0].rows.append(r); row = nil }
            case "tbl":
                let t = tables.removeLast()
                if tables.isEmpty { blocks.append(.table(t)) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText, skipping == 0 { append(string) }
        }

        func append(_ text: String) {
            guard paragraph != nil else { return }
            line.text += text
            if text.contains(where: { $0.isLetter || $0.isNumber }) {
                lineHasText = true
                line.isBold = line.isBold && runBold
                line.isStruck = line.isStruck && runStrike
            }
        }

        func startLine() {
            line = WordLine(text: "", isBold: true, isStruck: true)
            lineHasText = false
        }

        func endLine() {
            guard paragraph != nil else { return }
            if !lineHasText { line.isBold = false; line.isStruck = false }
            paragraph?.lines.append(line)
            startLine()
        }

        func finish(_ p: WordParagraph) {
            if tables.isEmpty {
                blocks.append(.paragraph(p))
            } else if cell != nil {
                cell?.paragraphs.append(p)
            }
        }
    }
}

/// Reads `word/numbering.xml`: the format of level 0 of each list (`bullet`, `decimal`,
/// `none` …) by `numId`, so that a paragraph numbered "none" is not taken for a bullet.
enum NumberingReader {
    static func read(_ data: Data) -> [String: String] {
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        _ = parser.parse()
        var formats: [String: String] = [:]
        for (num, abstract) in delegate.abstractOf { formats[num] = delegate.formatOf[abstract] }
        return formats
    }

    final class Delegate: NSObject, XMLParserDelegate {
        var abstractOf: [String: String] = [:]
        var formatOf: [String: String] = [:]
        var abstract: String?
        var level: String?
        var num: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let val = WordDocumentReader.attribute("val", in: attributes)
            switch name {
            case "abstractNum": abstract = WordDocumentReader.attribute("abstractNumId", in: attributes)
            case "lvl": level = WordDocumentReader.attribute("ilvl", in: attributes)
            case "numFmt": if let a = abstract, level == "0", let val { formatOf[a] = val }
            case "num": num = WordDocumentReader.attribute("numId", in: attributes)
            case "abstractNumId": if let n = num, let val { abstractOf[n] = val }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "abstractNum" { abstract = nil }
            if name == "num" { num = nil }
        }
    }
}
