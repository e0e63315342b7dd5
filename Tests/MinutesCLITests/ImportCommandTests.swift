import Foundation
import Testing

/// `minutes import` as a user runs it: the preview, asking, and refusing bad input.
@Suite("minutes import: a Word document into the journal, or nothing")
struct ImportCommandTests {
    static let march = CLI.packageRoot.appendingPathComponent("Tests/MinutesImportTests/Fixtures/riverside-2025-03.docx").path
    static let april = CLI.packageRoot.appendingPathComponent("Tests/MinutesImportTests/Fixtures/riverside-2025-04.docx").path

    func sandboxWithGroup() throws -> Sandbox {
        let box = try Sandbox()
        try box.run(["init"])
        try box.run(["add", "group", "riverside", "Riverside Families Working Group"])
        return box
    }

    @Test func withoutATerminalOrYesItShowsThePreviewAndWritesNothing() throws {
        let box = try sandboxWithGroup()
        let before = box.bytes()
        let r = try box.run(["import", Self.march, "--group", "riverside"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Project 1 \"Every volunteer holds a first aid certificate\" (new): 2 actions, 4 notes"))
        #expect(r.stderr == "minutes: note: no terminal to confirm on, so nothing was written; run again with --yes to import\n")
        #expect(box.bytes() == before)
    }

    @Test func withYesItWritesOnceAndTheSameFileAgainAddsNothing() throws {
        let box = try sandboxWithGroup()
        let first = try box.run(["import", Self.march, "--group", "riverside", "--yes"])
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("Imported 26 entries from \(Self.march) into riverside.\n"))
        let after = box.bytes()
        let again = try box.run(["import", Self.march, "--group", "riverside", "--yes"])
        #expect(again.stdout.hasSuffix("Nothing to add: the journal already has everything in this document.\n"))
        #expect(box.bytes() == after)
        #expect(try box.run(["check"]).status == 0)
    }

    static let rejections: [Rejection] = [
        Rejection(["import", "notes.docx", "--group", "riverside"], 1,
                  "notes.docx: not a Word document (.docx is a zip package; this file is not one)"),
        Rejection(["import", april, "--group", "riverside"], 1, "the document's meeting date '9 April' has no year; give the date with --meeting YYYY-MM-DD"),
        Rejection(["import", april, "--group", "elsewhere", "--meeting", "2025-04-09"], 1, "--group: unknown group 'elsewhere'"),
        Rejection(["import", april, "--group", "riverside", "--meeting", "2025-04-31"], 1, "--meeting: 2025-04-31 is not a real date"),
        Rejection(["import", april, "--group", "riverside", "--add-person", "QX"], 2, "--add-person: write INITIALS=\"Full Name\""),
        Rejection(["import", april], 2, "Missing expected argument '--group <slug>'"),
    ]

    @Test(arguments: rejections)
    func badInputIsOneLineAndLeavesTheJournalAsItWas(_ rejection: Rejection) throws {
        let box = try sandboxWithGroup()
        try box.write("notes.docx", "Minutes of the meeting, typed as plain text.\n")
        let before = box.bytes()
        let r = try box.run(rejection.args)
        #expect(r.status == rejection.status)
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains(rejection.says), "\(r)")
        #expect(box.bytes() == before)
    }
}
