import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// A journal whose every text field holds what a careless paste or a hostile user could put
/// there, exported in every format: markup and control characters must never come out raw.
@Suite struct HostileJournalExportTests {

    static let markup = "<script>alert('x')</script> <b>not bold</b> & &amp; \"quoted\""
    static let escapes = "\u{1B}[2J\u{1B}]0;pwned\u{07}red\u{1B}[31m bell\u{07} nul\u{0} del\u{7F} c1\u{9B}31m"
    static let bidi = "\u{202E}desrever\u{202C} \u{2066}isolated\u{2069}"
    static let emoji = "🎉 👨‍👩‍👧 ✅"
    static let urdu = "والدین کے لیے سوالنامے کا ترجمہ مکمل ہو گیا"
    static let formula = "=HYPERLINK(\"http://evil.example\",\"click\")"
    static let hostile = markup + " " + escapes + " " + bidi + " " + emoji + "\nsecond line | pipe *star* # hash"

    static let group = "hostile"
    static let meeting = ExportFixtures.day("2024-03-07")

    /// The journal: person, group, project, plan, meeting, action, notes, follow-ups, rating and a
    /// closed follow-up, all carrying hostile text.
    static func journal() -> TestJournal {
        var journal = TestJournal()
        let ref = ProjectRef(group: group, number: 1)
        journal.add(.person(Person(initials: "KP", name: "Kim <Patel> " + escapes, organisation: bidi + " & Co")))
        journal.add(.group(slug: group, name: "Group " + markup, lead: "KP"))
        journal.add(.project(ref, headline: "Headline " + hostile))
        journal.add(.action(ref, meeting: nil, text: formula))
        journal.add(.meeting(MeetingFields(group: group, date: ExportFixtures.day("2024-01-11"), present: ["KP"],
                                           apologies: ["<Schools> " + escapes])))
        let old = journal.add(.todo(ref, meeting: ExportFixtures.day("2024-01-11"), owners: [.initials("KP")], text: formula))
        let closed = journal.add(.todo(ref, meeting: ExportFixtures.day("2024-01-11"), owners: [.named("@" + markup)], text: "close me"))
        journal.add(.meeting(MeetingFields(group: group, date: meeting, present: ["KP"], chair: "KP")))
        journal.add(.note(ref, meeting: meeting, text: hostile))
        journal.add(.note(ref, meeting: meeting, text: urdu))
        journal.add(.todo(ref, meeting: meeting, owners: [.initials("KP"), .named("-" + bidi)], text: hostile))
        journal.add(.done(ref: closed.id, meeting: meeting, outcome: formula + " " + escapes))
        journal.add(.rate(ref, meeting: meeting, rating: .unsatisfactory, comment: hostile))
        _ = old
        return journal
    }

    static func requests(_ format: ExportFormat) -> [ExportRequest] {
        var requests: [ExportRequest] = []
        if ExportReport.minutes.formats.contains(format) {
            requests.append(.minutes(group: group, format: format))
            requests.append(.monitoring(format: format))
        }
        requests.append(.actions(includeClosed: true, format: format))
        requests.append(.actions(owner: "KP", format: format))
        return requests
    }

    /// No terminal escapes, controls or bidi overrides, whatever the format.
    static func expectClean(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"], _ what: String) {
        #expect(!text.containsScalar { TextEscaping.isControl($0) || ($0.value < 0x20 && !allowed.contains($0)) }, "\(what): control character")
        #expect(!text.containsScalar(where: TextEscaping.isBidiControl), "\(what): bidi control")
        #expect(!text.contains("\u{1B}"), "\(what): escape")
    }

    @Test func journalWithHostileTextReadsBackWithoutErrors() throws {
        let folder = try ExportFixtures.temporaryFolder("hostile")
        let path = try Self.journal().write(to: folder)
        let loaded = try JournalLoader.load(path: path)
        #expect(!loaded.hasErrors)
        #expect(loaded.state.projects(in: Self.group).first?.headline == "Headline " + Self.hostile)
    }

    @Test(arguments: [ExportFormat.md, .txt])
    func textFormatsCarryNoRawControlsOrMarkup(format: ExportFormat) throws {
        let state = Self.journal().state
        for request in Self.requests(format) {
            let text = String(decoding: try Exporter.render(request, state: state).data, as: UTF8.self)
            Self.expectClean(text, "\(request.report) \(format)")
            #expect(text.contains(Self.emoji))
            if format == .md {
                #expect(!text.lowercased().contains("<script"))
                #expect(!text.contains("<b>"))
            }
            if request.report == .minutes { #expect(text.contains(Self.urdu)) }
        }
    }

    @Test func htmlEscapesMarkupAndStaysWellFormed() throws {
        let state = Self.journal().state
        for request in Self.requests(.html) {
            let html = String(decoding: try Exporter.render(request, state: state).data, as: UTF8.self)
            Self.expectClean(html, "\(request.report) html")
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("<b>"))
            #expect(!html.contains("<Patel>"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(HTMLCheck.unbalancedTags(in: html) == [])
            let root = try XMLTree.parse(Data(html.utf8))
            #expect(root.allText.contains("<script>alert('x')</script>"), "the text survives as text")
            #expect(root.allText.contains(Self.emoji))
            if request.report == .minutes {
                #expect(root.allText.contains(Self.urdu))
                #expect(root.all("strong").map(\.allText).contains("KP"))
            }
        }
    }

    @Test func docxEscapesMarkupKeepsTextAndMarksRightToLeft() throws {
        let state = Self.journal().state
        for request in Self.requests(.docx) {
            let data = try Exporter.render(request, state: state).data
            let parts = try DocxReader.parts(data)
            for (name, part) in parts {
                let xml = String(decoding: part, as: UTF8.self)
                Self.expectClean(xml, "\(request.report) docx \(name)")
                #expect(!xml.contains("<script"), "\(name)")
                #expect(throws: Never.self, "\(name) is not well formed") { try XMLTree.parse(part) }
            }
            let (body, _) = try DocxReader.body(data)
            let text = DocxReader.text(of: body)
            #expect(text.contains("<script>alert('x')</script> <b>not bold</b> & &amp; \"quoted\""))
            #expect(text.contains(Self.emoji))
            #expect(text.contains("desrever"))
            if request.report == .minutes {
                let urdu = try #require(body.all("w:p").first { DocxReader.text(of: $0) == Self.urdu })
                #expect(urdu.first("w:pPr")?.first("w:bidi") != nil)
                #expect(urdu.first("w:r")?.first("w:rtl") != nil)
                let toDo = body.children("w:tbl")[0].children("w:tr")[1].children("w:tc")[2]
                #expect(DocxReader.boldRuns(in: toDo).contains("KP"))
            }
        }
    }

    @Test func csvQuotesNeutralisesFormulasAndDropsControls() throws {
        let state = Self.journal().state
        for request in Self.requests(.csv) {
            let data = try Exporter.render(request, state: state).data
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "a byte order mark by default")
            let csv = String(decoding: data.dropFirst(3), as: UTF8.self)
            Self.expectClean(csv, allowing: ["\n", "\r"], "\(request.report) csv")
            let records = try CSVReader.read(csv)
            #expect(records.first == ActionListReport.csvColumns)
            #expect(records.dropFirst().allSatisfy { $0.count == ActionListReport.csvColumns.count })
            for field in records.joined() {
                if let first = field.unicodeScalars.first {
                    #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "formula-like field: \(field.debugDescription)")
                }
            }
            let texts = records.dropFirst().map { $0[5] }
            #expect(texts.contains("'" + Self.formula))
            #expect(texts.contains { $0.contains("second line | pipe") && $0.contains(Self.emoji) })
        }
        let all = String(decoding: try Exporter.render(.actions(includeClosed: true, format: .csv), state: state).data, as: UTF8.self)
        let records = try CSVReader.read(all)
        let closed = try #require(records.first { $0[5] == "close me" })
        #expect(closed[7] == "done")
        #expect(closed[4].hasPrefix("'@<script>"))
        #expect(closed[9].hasPrefix("'=HYPERLINK"))
        #expect(!closed[9].contains("\u{1B}"))
    }
}
