import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import MinutesCore
@testable import MinutesExport

/// The library API the command line and the app's export menu share, and the rules of
/// `minutes export` that live in it: formats, file names, errors, destinations, atomic writes.
@Suite struct ExporterTests {

    static let june = ExportFixtures.day("2009-06-25")

    // MARK: Requests and results

    @Test func suggestedFileNamesComeFromGroupReportAndDate() throws {
        let state = try ExportFixtures.sampleState()
        let names = try [
            ExportRequest.minutes(group: "stay-safe", format: .docx),
            .minutes(group: "stay-safe", meeting: ExportFixtures.day("2009-03-12"), format: .md),
            .monitoring(format: .html),
            .monitoring(groups: ["stay-safe"], asOf: ExportFixtures.day("2009-06-30"), format: .txt),
            .actions(format: .csv),
            .actions(owner: "PM", format: .txt),
            .actions(owner: "Zoë <x>", group: "stay-safe", format: .md),
        ].map { try Exporter.render($0, state: state).suggestedFileName }
        #expect(names == [
            "stay-safe-minutes-2009-06-25.docx",
            "stay-safe-minutes-2009-03-12.md",
            "stay-safe-monitoring-2009-06-25.html",
            "stay-safe-monitoring-2009-06-30.txt",
            "actions-2009-06-25.csv",
            "actions-pm-2009-06-25.txt",
            "stay-safe-actions-zo-x-2009-06-25.md",
        ])
    }

    @Test func formatsParseFromNamesAndExtensions() {
        #expect(ExportFormat(name: "DOCX") == .docx)
        #expect(ExportFormat(name: "markdown") == .md)
        #expect(ExportFormat(name: "htm") == .html)
        #expect(ExportFormat(name: "text") == .txt)
        #expect(ExportFormat(name: "csv") == .csv)
        #expect(ExportFormat(name: "PDF") == .pdf)
        #expect(ExportFormat(name: "odt") == nil)
        #expect(ExportFormat.pdf.isBinary && ExportFormat.pdf.mediaType == "application/pdf")
        #expect(ExportFormat.csv.mediaType == "text/csv; charset=utf-8")
        #expect(ExportFormat.docx.isBinary && !ExportFormat.html.isBinary)
    }

    @Test func csvIsOnlyForTheActionList() throws {
        let state = try ExportFixtures.sampleState()
        for request in [ExportRequest.minutes(group: "stay-safe", format: .csv), .monitoring(format: .csv)] {
            #expect(throws: ExportError.unsupportedFormat(.csv, request.report)) { try Exporter.render(request, state: state) }
            #expect(throws: ExportError.unsupportedFormat(.csv, request.report)) {
                try Exporter.render(request, journalPath: "/nonexistent/journal")
            }
        }
        #expect(ExportError.unsupportedFormat(.csv, .minutes).exitCode == 2)
        #expect(ExportReport.actions.formats.contains(.csv))
    }

    @Test func minutesNeedAGroup() throws {
        var request = ExportRequest.minutes(group: "stay-safe", format: .md)
        request.group = nil
        #expect(throws: ExportError.missingGroup(.minutes)) { try Exporter.render(request, state: ExportFixtures.sampleState()) }
    }

    @Test func stateAndJournalPathGiveTheSameBytes() throws {
        let state = try ExportFixtures.sampleState()
        // A PDF carries the time LibreOffice made it; its docx is compared here.
        for format in ExportFormat.allCases where format != .csv && format != .pdf {
            let request = ExportRequest.minutes(group: "stay-safe", meeting: ExportFixtures.day("2009-05-14"), format: format)
            #expect(try Exporter.render(request, state: state).data == Exporter.render(request, journalPath: ExportFixtures.samplePath).data)
        }
    }

    @Test func dataErrorsExitWithOneAndNameTheProblem() throws {
        let state = try ExportFixtures.sampleState()
        let unknown = ExportError.unknownGroup("nope", known: ["stay-safe"])
        #expect(throws: unknown) { try Exporter.render(.minutes(group: "nope", format: .md), state: state) }
        #expect(throws: unknown) { try Exporter.render(.actions(group: "nope", format: .md), state: state) }
        #expect(unknown.exitCode == 1)
        #expect(unknown.description == "unknown group 'nope' (groups: stay-safe)")
        let noMeeting = ExportError.noMeeting(group: "stay-safe", on: ExportFixtures.day("2009-06-24"), nearest: [Self.june])
        #expect(noMeeting.exitCode == 1)
        #expect(noMeeting.description == "no meeting of stay-safe on 2009-06-24 (meetings near it: 2009-06-25)")
        #expect(ExportError.unknownGroup("\u{1B}[2J<x>", known: []).description == "unknown group '[2J<x>'; the journal has no groups yet")
    }

    @Test func unknownOwnerIsAnEmptyListWithANoteNotAnError() throws {
        let result = try Exporter.render(.actions(owner: "QQ", format: .txt), journalPath: ExportFixtures.samplePath)
        #expect(result.notes.count == 1)
        #expect(String(decoding: result.data, as: UTF8.self).contains("No open follow-ups."))
        let csv = try Exporter.render(.actions(owner: "QQ", format: .csv), journalPath: ExportFixtures.samplePath)
        #expect(String(decoding: csv.data, as: UTF8.self) == "\u{FEFF}" + ActionListReport.csvColumns.joined(separator: ",") + "\r\n")
    }

    @Test func aMissingOrBrokenJournalIsRefused() throws {
        let folder = try ExportFixtures.temporaryFolder("broken")
        let missing = folder.appendingPathComponent("missing.journal").path
        #expect(throws: ExportError.self) { try Exporter.render(.actions(format: .md), journalPath: missing) }
        do {
            _ = try Exporter.render(.actions(format: .md), journalPath: missing)
        } catch let error as ExportError {
            #expect(error.exitCode == 1)
            #expect(error.description.contains("no such journal"))
        }
        let broken = folder.appendingPathComponent("broken.journal")
        try Data("minutes-journal 1\n2009-01-20T09:00:00.000Z nyqr6vj34cws frobnicate x=1\n".utf8).write(to: broken)
        do {
            _ = try Exporter.render(.actions(format: .md), journalPath: broken.path)
            Issue.record("a journal with errors was exported")
        } catch let error as ExportError {
            #expect(error.exitCode == 1)
            #expect(error.description.contains("minutes check"))
        }
    }

    @Test func aJournalTypedUpAfterTheFactStillGivesEarlierMinutes() throws {
        // Projects recorded today, notes of meetings held years ago: replayed as of an old
        // meeting, the notes must keep their project (directory events always apply).
        // (TestJournal stamps every event 2009-01-01.)
        let ref = ProjectRef(group: "late", number: 1)
        var late = TestJournal()
        late.add(.group(slug: "late", name: "Late", lead: nil))
        late.add(.project(ref, headline: "Typed up later"))
        late.add(.meeting(MeetingFields(group: "late", date: ExportFixtures.day("2008-11-01"))))
        late.add(.note(ref, meeting: ExportFixtures.day("2008-11-01"), text: "First note"))
        late.add(.meeting(MeetingFields(group: "late", date: ExportFixtures.day("2008-12-01"))))
        late.add(.note(ref, meeting: ExportFixtures.day("2008-12-01"), text: "Second note"))
        let path = try late.write(to: ExportFixtures.temporaryFolder("late"))
        #expect(!JournalLoader.load(text: late.text, asOf: ExportFixtures.day("2008-11-01")).hasErrors)
        let result = try Exporter.render(.minutes(group: "late", meeting: ExportFixtures.day("2008-11-01"), format: .txt), journalPath: path)
        let text = String(decoding: result.data, as: UTF8.self)
        #expect(text.contains("First note"))
        #expect(!text.contains("Second note"))
    }

    // MARK: Destinations

    @Test func binaryFormatsRefuseATerminalButNotARedirect() throws {
        #expect(throws: ExportError.binaryToTerminal(.docx)) {
            try ExportWriter.destination(format: .docx, output: nil, journalPath: nil, standardOutputIsTerminal: true)
        }
        #expect(throws: ExportError.binaryToTerminal(.docx)) {
            try ExportWriter.destination(format: .docx, output: "-", journalPath: nil, standardOutputIsTerminal: true)
        }
        #expect(ExportError.binaryToTerminal(.docx).exitCode == 2)
        #expect(try ExportWriter.destination(format: .docx, output: nil, journalPath: nil, standardOutputIsTerminal: false) == .standardOutput)
        for format in [ExportFormat.md, .txt, .html, .csv] {
            #expect(try ExportWriter.destination(format: format, output: nil, journalPath: nil, standardOutputIsTerminal: true) == .standardOutput)
        }
        #expect(try ExportWriter.destination(format: .docx, output: "out.docx", journalPath: nil, standardOutputIsTerminal: true) == .file("out.docx"))
    }

    @Test func theJournalAFolderAndAnEmptyNameAreRefusedAsOutputs() throws {
        let folder = try ExportFixtures.temporaryFolder("destinations")
        let journal = folder.appendingPathComponent("minutes.journal").path
        try Data("minutes-journal 1\n".utf8).write(to: URL(fileURLWithPath: journal))
        let check = { (output: String) in
            try ExportWriter.destination(format: .md, output: output, journalPath: journal, standardOutputIsTerminal: false)
        }
        #expect(throws: ExportError.outputIsJournal(journal)) { try check(journal) }
        #expect(throws: ExportError.outputIsJournal(journal)) { try check(folder.path + "/./minutes.journal") }
        let link = folder.appendingPathComponent("link.md").path
        #expect(symlink(journal, link) == 0)
        #expect(throws: ExportError.outputIsJournal(journal)) { try check(link) }
        let hard = folder.appendingPathComponent("hard.md").path
        #expect(Glibc.link(journal, hard) == 0)
        #expect(throws: ExportError.outputIsJournal(journal)) { try check(hard) }
        #expect(throws: ExportError.outputIsDirectory(folder.path)) { try check(folder.path) }
        #expect(throws: ExportError.emptyOutputPath) { try check(" ") }
        #expect(try check(folder.appendingPathComponent("report.md").path) == .file(folder.appendingPathComponent("report.md").path))
        for error in [ExportError.outputIsJournal(journal), .outputIsDirectory("x"), .emptyOutputPath] {
            #expect(error.isUsageError)
        }
    }

    // MARK: Writing

    @Test func theAppWritesAChosenReportToATypedFileName() throws {
        let folder = try ExportFixtures.temporaryFolder("app")
        let state = try ExportFixtures.sampleState()
        let path = folder.appendingPathComponent("stay-safe-minutes-2009-06-25.docx").path
        let written = try Exporter.write(.minutes(group: "stay-safe", meeting: Self.june, format: .docx), state: state,
                                         toFile: " \(path) ", journalPath: ExportFixtures.samplePath)
        #expect(written == path)
        #expect(try DocxReader.body(#require(FileManager.default.contents(atPath: path))).body.children("w:tbl").count == 6)
        #expect(throws: ExportError.emptyOutputPath) {
            try Exporter.write(.actions(format: .txt), state: state, toFile: "-", journalPath: nil)
        }
        #expect(throws: ExportError.outputIsJournal(ExportFixtures.samplePath)) {
            try Exporter.write(.actions(format: .txt), state: state, toFile: ExportFixtures.samplePath, journalPath: ExportFixtures.samplePath)
        }
        #expect(!ExportWriter.expandingTilde("~/report.md").hasPrefix("~"))
        #expect(ExportWriter.expandingTilde("~/report.md").hasSuffix("/report.md"))
        #expect(ExportWriter.expandingTilde("a~/b") == "a~/b")
    }

    @Test func anExistingOutputIsReplacedAtomically() throws {
        let folder = try ExportFixtures.temporaryFolder("replace")
        let path = folder.appendingPathComponent("stay-safe-minutes.docx").path
        try Data("an older export".utf8).write(to: URL(fileURLWithPath: path))
        let result = try Exporter.render(.minutes(group: "stay-safe", format: .docx), journalPath: ExportFixtures.samplePath)
        let fileSystem = FaultyFileSystem()
        try ExportWriter.write(result.data, to: .file(path), fileSystem: fileSystem)
        #expect(FileManager.default.contents(atPath: path) == result.data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["stay-safe-minutes.docx"])
        #expect(fileSystem.calls.contains("rename"))
        #expect(fileSystem.calls.filter { $0 == "fsync" }.count == 2, "the file and its folder")
    }

    @Test func aNewExportIsShareableAndAReplacedOneKeepsItsMode() throws {
        let folder = try ExportFixtures.temporaryFolder("modes")
        let mask = umask(0o022)
        umask(mask)
        let fresh = folder.appendingPathComponent("new.md").path
        try ExportWriter.write(Data("x".utf8), to: .file(fresh))
        var info = stat()
        #expect(stat(fresh, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o666 & ~mask)
        let kept = folder.appendingPathComponent("kept.md").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: kept))
        #expect(chmod(kept, 0o640) == 0)
        try ExportWriter.write(Data("new".utf8), to: .file(kept))
        #expect(stat(kept, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(FileManager.default.contents(atPath: kept) == Data("new".utf8))
    }

    @Test func aFailedWriteLeavesTheOldOutputWhole() throws {
        let folder = try ExportFixtures.temporaryFolder("failed")
        let path = folder.appendingPathComponent("actions.csv").path
        let old = Data("the previous export\r\n".utf8)
        try old.write(to: URL(fileURLWithPath: path))
        let fileSystem = FaultyFileSystem()
        fileSystem.failFsyncWith = ENOSPC
        let result = try Exporter.render(.actions(format: .csv), journalPath: ExportFixtures.samplePath)
        do {
            try ExportWriter.write(result.data, to: .file(path), fileSystem: fileSystem)
            Issue.record("the write should have failed")
        } catch let error as ExportError {
            #expect(error.exitCode == 1)
            #expect(error.description.contains("No space left on device"))
        }
        #expect(FileManager.default.contents(atPath: path) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["actions.csv"], "no temporary file left")
    }

    @Test func theJournalIsNeverWritten() throws {
        let folder = try ExportFixtures.temporaryFolder("readonly")
        let copy = folder.appendingPathComponent("sample.journal")
        try FileManager.default.copyItem(atPath: ExportFixtures.samplePath, toPath: copy.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy.path)
        let before = try #require(FileManager.default.contents(atPath: copy.path))
        for report in ExportReport.allCases {
            // PDF renders the same docx; PDFExportTests check it leaves nothing behind.
            for format in report.formats where format != .pdf {
                _ = try Exporter.render(ExportRequest(report: report, format: format, groups: [.minutes, .plan, .actionPlan, .decisions].contains(report) ? ["stay-safe"] : []),
                                        journalPath: copy.path)
            }
        }
        #expect(FileManager.default.contents(atPath: copy.path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sample.journal"])
    }
}
