import Foundation
import Testing

/// `minutes export … --format pdf`: our docx converted by a real LibreOffice, then read back
/// with poppler. One conversion (each takes seconds); `.ci/run` installs what it needs.
@Suite("minutes export --format pdf")
struct PdfExportTests {

    static func executable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    static let haveTools = executable("/usr/bin/soffice") && executable("/usr/bin/pdftotext")
        && executable("/usr/bin/pdffonts") && executable("/usr/bin/pdfinfo") && executable("/usr/bin/pdftoppm")

    /// Runs a poppler tool and returns what it printed.
    static func poppler(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(tool) \(args)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: haveTools, "needs soffice (libreoffice-writer-nogui) and poppler-utils, which .ci/run installs"))
    func theSampleMinutesAsPdfHaveWholeTablesPageNumbersTheStatusAndShapedScripts() throws {
        let box = try Sandbox()
        try box.copySample()
        // The conversion's temporary folder (docx, profile, PDF) goes here and must not stay.
        let scratch = box.dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
        let r = try box.run(["export", "minutes", "stay-safe", "--meeting", "2009-06-25", "-o", "minutes.pdf",
                             "--title", "Stay Safe — minutes for the cluster board"],
                            env: ["TMPDIR": scratch.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "the temporary folder is removed")
        let pdf = try #require(box.bytes("minutes.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let path = box.dir.appendingPathComponent("minutes.pdf").path

        let info = try Self.poppler("pdfinfo", [path])
        let pages = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.1) })
        #expect(pages >= 3)
        var projectsSeen: [String] = []
        for page in 1...pages {
            let text = try Self.poppler("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", path, "-"])
            #expect(text.contains("Page \(page) of \(pages)"), "page \(page)")
            #expect(text.contains("Stay Safe Working Group · Minutes of 25 June 2009 · DRAFT"), "page \(page)")
            // A table is never cut: each project on the page has its header row and the end of
            // its row on the same page (the headers repeat only with a row that continues).
            let headings = text.matches(of: /Project (\d)\n/).map { String($0.1) }
            projectsSeen += headings
            #expect(text.components(separatedBy: "Actions required").count - 1 == headings.count, "page \(page): \(text)")
        }
        #expect(projectsSeen == ["1", "2", "3", "4", "5", "6"])
        let first = try Self.poppler("pdftotext", ["-f", "1", "-l", "1", path, "-"])
        #expect(first.contains("Stay Safe — minutes for the cluster board"))

        // Urdu and Gujarati are drawn with real glyphs that map back to their letters (a missing
        // glyph would not), Gujarati from a font made for it; the shaping itself was checked by
        // looking at the rendered page (docs/exports.md).
        let whole = try Self.poppler("pdftotext", [path, "-"])
        #expect(whole.contains("اردو"))
        #expect(whole.contains("ગુજરાતી"))
        let fonts = try Self.poppler("pdffonts", [path])
        #expect(fonts.contains("Gujarati"), "\(fonts)")
        #expect(fonts.contains("Carlito"), "Calibri's metric twin, so pages break as in Word: \(fonts)")

        let prefix = box.dir.appendingPathComponent("page").path
        _ = try Self.poppler("pdftoppm", ["-png", "-r", "30", "-f", "1", "-l", "1", path, prefix])
        let pngs = try FileManager.default.contentsOfDirectory(atPath: box.dir.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        #expect(pngs.count == 1)
    }

    @Test func withoutLibreOfficeTheErrorNamesThePackageAndNothingIsWritten() throws {
        let box = try Sandbox()
        try box.copySample()
        let empty = box.dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let r = try box.run(["export", "actions", "--format", "pdf", "-o", "actions.pdf"],
                            env: ["PATH": empty.path, "MINUTES_SOFFICE": ""])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("libreoffice-writer-nogui"))
        #expect(box.bytes("actions.pdf") == nil)
    }

    @Test func aPdfOverTheJournalIsRefusedAndTheHelpOffersPdf() throws {
        let box = try Sandbox()
        try box.copySample()
        let bad = try box.run(["export", "minutes", "stay-safe", "--format", "pdf", "-o", "minutes.journal"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("refusing"))
        let help = try box.run(["export", "minutes", "--help"], file: nil)
        #expect(help.stdout.contains("pdf"))
    }
}
