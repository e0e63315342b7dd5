import Foundation
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

// MARK: - Golden files

/// Compares text with `Tests/MinutesExportTests/Golden/<name>` through the shared golden-file
/// helper (`TestSupport.Golden`, as the screens' snapshots do). Fails when the file is missing
/// or differs; with `RECORD_SNAPSHOTS=1` in the environment it (re)writes the file instead.
enum Golden {
    static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var isRecording: Bool { TestSupport.Golden.isRecording }

    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let problem = TestSupport.Golden.mismatch(actual, file: directory().appendingPathComponent(name)) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}

// MARK: - XML

/// A parsed XML element: enough of a DOM for assertions.
final class Node {
    let name: String
    let attributes: [String: String]
    var children: [Node] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (not self) with this qualified name, in document order.
    func all(_ name: String) -> [Node] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    func first(_ name: String) -> Node? { all(name).first }

    /// Children with this name.
    func children(_ name: String) -> [Node] { children.filter { $0.name == name } }

    /// Text of this element and its descendants.
    var allText: String { text + children.map(\.allText).joined() }
}

enum XMLTree {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses XML into a tree of `Node`s; throws with the parser's message when it is not well formed.
    static func parse(_ data: Data) throws -> Node {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "XML did not parse: \(parser.parserError.map(String.init(describing:)) ?? "unknown error") at line \(parser.lineNumber)")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Node] = []
        var root: Node?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = Node(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

// MARK: - HTML

enum HTMLCheck {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// Checks that start and end tags nest properly; returns the problems found.
    static func unbalancedTags(in html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else {
                problems.append("unterminated tag")
                break
            }
            let inside = html[html.index(after: open)..<close]
            index = html.index(after: close)
            if inside.hasPrefix("!") || inside.hasPrefix("?") { continue }
            if inside.hasPrefix("/") {
                let name = inside.dropFirst().prefix { !$0.isWhitespace }.lowercased()
                if stack.last == name { stack.removeLast() } else {
                    problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                }
                continue
            }
            let name = inside.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
            if voidElements.contains(name) || inside.hasSuffix("/") { continue }
            stack.append(name)
            if name == "style" || name == "script" {
                // Raw text until the end tag.
                guard let end = html.range(of: "</\(name)>", range: index..<html.endIndex) else {
                    problems.append("<\(name)> never closed")
                    break
                }
                index = end.lowerBound
            }
        }
        problems += stack.map { "<\($0)> never closed" }
        return problems
    }
}

// MARK: - CSV

/// A strict RFC 4180 reader for round-trip tests: records end with CRLF, quoted fields may hold
/// commas, quotes (doubled) and line breaks. Throws on anything malformed.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var atFieldStart = true

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            atFieldStart = true
        }

        while i < scalars.count {
            let c = scalars[i]
            if atFieldStart && c == "\"" {
                // Quoted field.
                i += 1
                while true {
                    guard i < scalars.count else { throw Malformed(description: "unterminated quoted field") }
                    if scalars[i] == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                            field.append("\"")
                            i += 2
                        } else {
                            i += 1
                            break
                        }
                    } else {
                        field.append(scalars[i])
                        i += 1
                    }
                }
                atFieldStart = false
                guard i < scalars.count, scalars[i] == "," || scalars[i] == "\r" else {
                    throw Malformed(description: "text after a closing quote")
                }
                continue
            }
            switch c {
            case ",":
                endField()
                i += 1
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else {
                    throw Malformed(description: "bare CR outside quotes at scalar \(i)")
                }
                endField()
                records.append(record)
                record = []
                i += 2
            case "\n":
                throw Malformed(description: "bare LF outside quotes at scalar \(i)")
            case "\"":
                throw Malformed(description: "quote inside an unquoted field at scalar \(i)")
            default:
                field.append(c)
                atFieldStart = false
                i += 1
            }
        }
        guard record.isEmpty, field.isEmpty else { throw Malformed(description: "last record does not end with CRLF") }
        return records
    }
}

// MARK: - Scalars

extension String {
    /// Whether any scalar matches.
    func containsScalar(where predicate: (Unicode.Scalar) -> Bool) -> Bool {
        unicodeScalars.contains(where: predicate)
    }
}
