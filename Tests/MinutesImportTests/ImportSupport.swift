import Foundation
import MinutesCore
@testable import MinutesImport
import Testing
import ZIPFoundation

/// The committed fixtures and scratch journals for the import tests.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The three months of the Riverside group's minutes, with the date each meeting was held.
    static let months: [(file: String, meeting: Day)] = [
        ("riverside-2025-03.docx", Day(year: 2025, month: 3, day: 12)!),
        ("riverside-2025-04.docx", Day(year: 2025, month: 4, day: 9)!),
        ("riverside-2025-05.docx", Day(year: 2025, month: 5, day: 14)!),
    ]

    static func read(_ name: String) throws -> ReadMinutes {
        try ImportRun.read(path: path(name))
    }

    /// A new journal in its own folder holding the Riverside group and its people.
    static func journal(people: [String] = ["RO Rosa Okafor", "JB Jamal Bakr", "TM Tess Marlow", "AS Anil Shah", "QX Quinn Xu"]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("minutes.journal").path
        try Data("minutes-journal 2\n".utf8).write(to: URL(fileURLWithPath: path))
        let session = try JournalSession(path: path, locking: .none)
        try session.record(.group(slug: "riverside", name: "Riverside Families Working Group", lead: nil))
        for p in people {
            let words = p.split(separator: " ", maxSplits: 1).map(String.init)
            try session.record(.person(Person(initials: words[0], name: words[1])))
        }
        return path
    }

    /// Imports a document into the journal the way `minutes import --yes` does; returns the plan.
    @discardableResult
    static func importFile(_ name: String, into journal: String, meeting: Day?, undated: Day? = nil) throws -> ImportPlan {
        let read = try read(name)
        let session = try JournalSession(path: journal, locking: .none)
        let options = ImportOptions(group: "riverside", meeting: meeting, undatedMeeting: undated)
        var planned: ImportPlan?
        try session.recordBatch(source: ImportRun.source(file: name)) { batch in
            let plan = try ImportPlanner.plan(read, state: batch.state, options: options)
            try ImportRun.add(plan, to: &batch)
            planned = plan
        }
        return planned!
    }

    /// The three months imported in order, the first month's undated notes under its own meeting.
    static func importThreeMonths(into journal: String) throws {
        for (k, month) in months.enumerated() {
            try importFile(month.file, into: journal, meeting: month.meeting, undated: k == 0 ? month.meeting : nil)
        }
    }

    static func state(_ journal: String) throws -> LoadedJournal {
        try JournalLoader.load(path: journal)
    }

    static func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// A .docx made in memory from a hand-written body (`<w:p>` and `<w:tbl>` elements).
    static func docx(body: String, numbering: String? = nil) throws -> Data {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        var parts = [("word/document.xml", Data(document.utf8))]
        if let numbering { parts.append(("word/numbering.xml", Data(numbering.utf8))) }
        return try zip(parts)
    }

    static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return archive.data!
    }

    /// A table row of plain cells.
    static func row(_ cells: [String]) -> String {
        "<w:tr>" + cells.map { "<w:tc>" + $0 + "</w:tc>" }.joined() + "</w:tr>"
    }

    static func p(_ text: String) -> String { "<w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>" }

    static func read(docx data: Data) throws -> ReadMinutes {
        MinutesLayout.read(try WordDocumentReader.read(try DocxPackage.read(data: data)))
    }
}
