import Foundation
import Testing

/// `export -o` never replaces the files Core keeps beside the journal: its lock, the app's
/// draft, a torn line moved aside by `repair`, a write's temporary file.
@Suite("minutes export -o: the journal's side files")
struct ExportSideFileTests {

    static let sideFiles = [
        "minutes.journal.lock",
        "minutes.journal.draft",
        "minutes.journal.draft-2",
        "minutes.journal.torn-20090515T090000",
        ".minutes.journal.tmp-a1b2c3",
        ".minutes.journal.draft.tmp-a1b2c3",
    ]

    @Test(arguments: sideFiles)
    func anExportOverASideFileIsRefusedAndNothingIsWritten(name: String) throws {
        let box = try Sandbox()
        try box.copySample()
        let journal = try #require(box.bytes())
        // The file exists (as a lock does while the app runs) …
        try box.write(name, "kept\n")
        let existing = try box.run(["export", "actions", "--format", "txt", "-o", name])
        #expect(existing.status == 2, "\(existing)")
        #expect(existing.stderrLines.count == 1)
        #expect(existing.stderr.contains("refusing to write the export over"))
        #expect(String(decoding: try #require(box.bytes(name)), as: UTF8.self) == "kept\n")
        // … or does not yet, named through another path to the same folder.
        try FileManager.default.removeItem(at: box.dir.appendingPathComponent(name))
        let absent = try box.run(["export", "actions", "--format", "txt", "-o", "./sub/../" + name])
        try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let viaSub = try box.run(["export", "actions", "--format", "txt", "-o", "sub/../" + name])
        #expect(viaSub.status == 2, "\(viaSub)")
        #expect(absent.status == 2, "\(absent)")
        #expect(box.bytes(name) == nil)
        #expect(box.bytes() == journal)
    }

    @Test func filesThatOnlyLookAlikeElsewhereOrForAnotherJournalAreWritten() throws {
        let box = try Sandbox()
        try box.copySample()
        #expect(try box.run(["export", "actions", "--format", "txt", "-o", "other.journal.lock"]).status == 0)
        try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
        #expect(try box.run(["export", "actions", "--format", "txt", "-o", "sub/minutes.journal.lock"]).status == 0)
        #expect(box.bytes("sub/minutes.journal.lock") != nil)
    }
}
