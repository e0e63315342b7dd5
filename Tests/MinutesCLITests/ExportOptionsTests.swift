import Foundation
import Testing

/// `--title`, `--lang` and `--no-bom` on the command line.
@Suite("minutes export: title, language and byte order mark")
struct ExportOptionsTests {

    @Test func theCSVHasAByteOrderMarkUnlessNoBomIsGiven() throws {
        let box = try Sandbox()
        try box.copySample()
        let with = try box.run(["export", "actions", "--format", "csv", "-o", "with.csv"])
        let without = try box.run(["export", "actions", "--format", "csv", "--no-bom", "-o", "without.csv"])
        #expect(with.status == 0 && without.status == 0)
        let a = try #require(box.bytes("with.csv")), b = try #require(box.bytes("without.csv"))
        #expect(Array(a.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(b.starts(with: Array("id,group,project number".utf8)))
        #expect(a.dropFirst(3) == b)
    }

    @Test func titleAndLanguageReachTheDocument() throws {
        let box = try Sandbox()
        try box.copySample()
        let r = try box.run(["export", "minutes", "stay-safe", "--format", "html", "--title", "Cluster board: Stay Safe", "--lang", "en-US"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("<html lang=\"en-US\">"))
        #expect(r.stdout.contains("<title>Cluster board: Stay Safe</title>"))
        let plain = try box.run(["export", "minutes", "stay-safe", "--format", "html"])
        #expect(plain.stdout.contains("<html lang=\"en-GB\">"))
    }

    @Test func theGroupsLanguageFromTheJournalReachesTheDocumentUnlessLangIsGiven() throws {
        let box = try Sandbox()
        try box.copySample()
        let set = try box.run(["plan", "stay-safe", "--lang", "cy-GB"])
        #expect(set.status == 0, "\(set)")
        #expect(String(decoding: box.bytes()!, as: UTF8.self).contains("plan group=stay-safe lang=cy-GB"))
        #expect(try box.run(["export", "minutes", "stay-safe", "--format", "html"]).stdout.contains("<html lang=\"cy-GB\">"))
        let told = try box.run(["export", "minutes", "stay-safe", "--format", "html", "--lang", "en-US"])
        #expect(told.stdout.contains("<html lang=\"en-US\">"))
        let before = box.bytes()
        let bad = try box.run(["plan", "stay-safe", "--lang", "welsh please"])
        #expect(bad.status == 2 && bad.stderrLines.count == 1, "\(bad)")
        #expect(box.bytes() == before)
    }

    @Test func aMalformedLanguageOrAnEmptyTitleIsBadUsage() throws {
        let box = try Sandbox()
        try box.copySample()
        for args in [["--lang", "english please"], ["--lang", "e"], ["--title", "  "]] {
            let r = try box.run(["export", "minutes", "stay-safe", "--format", "md"] + args)
            #expect(r.status == 2, "\(args): \(r)")
            #expect(r.stderrLines.count == 1, "\(args): \(r)")
            #expect(r.stdout.isEmpty)
        }
    }
}
