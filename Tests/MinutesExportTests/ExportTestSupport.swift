import Foundation
import Testing
import ZIPFoundation
import MinutesCore
@testable import MinutesExport

/// Where the tests find the sample journal and keep their own files.
enum ExportFixtures {
    /// The package's root folder.
    static func root(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `data/sample.journal`: the Stay Safe Working Group, meetings 2009-03-12, 05-14, 06-25.
    static var samplePath: String { root().appendingPathComponent("data/sample.journal").path }

    static func sampleState(asOf: Day? = nil) throws -> MinutesState {
        let loaded = try JournalLoader.load(path: samplePath, asOf: asOf)
        #expect(!loaded.hasErrors)
        return loaded.state
    }

    /// A fresh folder under `.build/test-tmp/` for one test.
    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = root().appendingPathComponent(".build/test-tmp/export-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func day(_ text: String) -> Day { Day.parseISO(text)! }
}

/// A journal built event by event in a test: applied to a state as it grows and written out
/// as a journal file on request. Ids and timestamps are deterministic.
struct TestJournal {
    private(set) var events: [Event] = []
    private(set) var state = MinutesState()
    private var next: UInt64 = 1
    /// Every event is stamped 2009-01-01 plus one millisecond per event, so that dated
    /// things (meetings, notes) carry the dates that matter.
    private let start: Int64 = 1_230_768_000_000

    @discardableResult
    mutating func add(_ body: EventBody) -> Event {
        let event = Event(id: EventID(value: next &* 0x9E37_79B9_7F4A_7C15), timestamp: Timestamp(milliseconds: start + Int64(next)), body: body)
        next += 1
        if let problem = state.problem(with: event) {
            Issue.record("test journal event rejected: \(problem.message)")
        }
        state.apply(event)
        events.append(event)
        return event
    }

    /// The journal's text: header and one line per event.
    var text: String {
        ([EventWriter.header] + events.map(EventWriter.line(for:))).joined(separator: "\n") + "\n"
    }

    /// Writes the journal to `<folder>/<name>` and returns its path.
    func write(to folder: URL, name: String = "test.journal") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// Reading a rendered docx back.
enum DocxReader {
    static func parts(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts[entry.path] = content
        }
        return parts
    }

    /// `w:body` of `word/document.xml`, parsed, and the raw XML.
    static func body(_ data: Data) throws -> (body: Node, xml: Data) {
        let xml = try #require(try parts(data)["word/document.xml"])
        let body = try #require(try XMLTree.parse(xml).first("w:body"))
        return (body, xml)
    }

    /// Text with `<w:br/>` as a line feed and `<w:tab/>` as a tab.
    static func text(of node: Node) -> String {
        switch node.name {
        case "w:t": return node.text
        case "w:br": return "\n"
        case "w:tab" where node.children.isEmpty && node.attributes.isEmpty: return "\t"
        default: return node.children.map(text(of:)).joined()
        }
    }

    /// The texts of the bold runs under `node`.
    static func boldRuns(in node: Node) -> [String] {
        node.all("w:r").filter { $0.first("w:rPr")?.first("w:b") != nil }.map(text(of:))
    }

    /// The paragraphs' texts of a cell.
    static func paragraphs(of cell: Node) -> [String] {
        cell.children("w:p").map(text(of:))
    }
}
