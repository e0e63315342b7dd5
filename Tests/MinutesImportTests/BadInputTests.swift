import Foundation
import MinutesCore
@testable import MinutesImport
import Testing

/// Files that are not minutes, or not safe to unpack: one clear error, and the journal untouched.
@Suite struct BadInputTests {
    func refusal(_ data: Data, limits: DocxLimits = DocxLimits()) -> String? {
        do {
            _ = try DocxPackage.read(data: data, limits: limits)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aTextFileIsNotAWordDocument() {
        #expect(refusal(Data("Minutes of the meeting\n".utf8)) == "not a Word document (.docx is a zip package; this file is not one)")
    }

    @Test func aPasswordProtectedFileIsRefusedWithAHint() {
        // Word saves an encrypted .docx as an OLE compound file.
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        #expect(refusal(ole)?.hasPrefix("password-protected or old-format Word file") == true)
    }

    @Test func aDamagedZipIsRefused() throws {
        let whole = Fixture.bytes(Fixture.path("riverside-2025-04.docx"))
        #expect(refusal(whole.prefix(whole.count / 2))?.hasPrefix("the .docx is damaged") == true)
    }

    @Test func aZipWithoutTheDocumentPartIsRefused() throws {
        #expect(refusal(try Fixture.zip([("readme.txt", Data("hello".utf8))])) == "the .docx has no word/document.xml; is it a Word document?")
    }

    @Test func aHighlyCompressedPartIsRefusedAsAZipBomb() throws {
        let zeros = try Fixture.zip([("word/document.xml", Data(count: 1 << 20))])
        #expect(refusal(zeros)?.hasPrefix("refused: word/document.xml is compressed") == true)
    }

    @Test func aPartThatUnpacksToMoreThanItDeclaresIsStopped() throws {
        var zip = [UInt8](try Fixture.zip([("word/document.xml", Data(count: 1 << 20))]))
        // Both headers claim 1,000 bytes unpacked: only counting what is inflated catches it.
        func claim(signature: [UInt8], sizeAt offset: Int) {
            for i in 0..<(zip.count - 4) where Array(zip[i..<(i + 4)]) == signature {
                zip.replaceSubrange((i + offset)..<(i + offset + 4), with: [0xE8, 0x03, 0, 0])
            }
        }
        claim(signature: [0x50, 0x4B, 0x03, 0x04], sizeAt: 22)
        claim(signature: [0x50, 0x4B, 0x01, 0x02], sizeAt: 24)
        #expect(refusal(Data(zip)) == "refused: word/document.xml unpacks to more than it declares (a zip bomb, or not minutes)")
    }

    @Test func partsLargerThanTheTotalCapAreRefused() throws {
        let data = Fixture.bytes(Fixture.path("riverside-2025-04.docx"))
        #expect(refusal(data, limits: DocxLimits(maxTotalBytes: 4000))?.hasPrefix("refused: word/") == true)
    }

    @Test func aDocumentWithNoProjectTablesIsAnErrorAndWritesNothing() throws {
        let journal = try Fixture.journal()
        let before = Fixture.bytes(journal)
        let read = try Fixture.read(docx: try Fixture.docx(body: Fixture.p("Notes from the away day") + "<w:tbl>" + Fixture.row([Fixture.p("Present")]) + "</w:tbl>"))
        let session = try JournalSession(path: journal, locking: .none)
        #expect(throws: ImportError.noProjectTables(tables: 1)) {
            try session.recordBatch { batch in
                try ImportRun.add(try ImportPlanner.plan(read, state: batch.state, options: ImportOptions(group: "riverside")), to: &batch)
            }
        }
        #expect(Fixture.bytes(journal) == before)
    }

    @Test func aBatchWithOneRefusedEntryWritesNothingAtAll() throws {
        let journal = try Fixture.journal()
        let before = Fixture.bytes(journal)
        let session = try JournalSession(path: journal, locking: .none)
        let ref = ProjectRef(group: "riverside", number: 1)
        #expect(throws: RecordError.self) {
            try session.recordBatch { batch in
                try batch.add(.project(ref, headline: "Training"))
                try batch.add(.note(ref, meeting: nil, text: "depends on the project above"))
                try batch.add(.note(ProjectRef(group: "riverside", number: 9), meeting: nil, text: "no such project"))
            }
        }
        #expect(Fixture.bytes(journal) == before)
        #expect(session.state.projects[ref] == nil)
    }

    @Test func entriesOfOneBatchMayDependOnEachOther() throws {
        let journal = try Fixture.journal()
        let session = try JournalSession(path: journal, locking: .none)
        let ref = ProjectRef(group: "riverside", number: 1)
        try session.recordBatch { batch in
            try batch.add(.project(ref, headline: "Training"))
            let todo = try batch.add(.todo(ref, meeting: nil, owners: [.initials("RO")], text: "book a hall"))
            try batch.add(.done(ref: todo.id, meeting: nil, outcome: nil))
        }
        let state = try Fixture.state(journal).state
        #expect(state.followUps(of: ref).map(\.state.word) == ["done"])
    }
}
