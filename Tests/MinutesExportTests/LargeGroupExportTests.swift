import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// A group with 100 meetings, five projects and a few thousand events, exported in every
/// report and format from a journal file: it finishes, and every file is well formed.
@Suite struct LargeGroupExportTests {

    static let meetings = 100
    static let projects = 5
    static let people = ["AB", "CD", "EF", "GH"]
    static let firstMeeting = ExportFixtures.day("2010-01-07")

    static func day(ofMeeting index: Int) -> Day { firstMeeting.adding(days: 14 * index) }

    /// Every meeting: two notes and one follow-up per project, a rating, and the follow-up
    /// raised two meetings earlier marked done (every third one dropped instead).
    static func journal() -> TestJournal {
        var journal = TestJournal()
        for (index, initials) in people.enumerated() {
            journal.add(.person(Person(initials: initials, name: "Person \(index + 1)", organisation: "Organisation \(index + 1)")))
        }
        journal.add(.group(slug: "big", name: "Big Working Group", lead: "AB"))
        for number in 1...projects {
            let ref = ProjectRef(group: "big", number: number)
            journal.add(.project(ref, headline: "Project headline number \(number)"))
            journal.add(.action(ref, meeting: nil, text: "First agreed action of project \(number)"))
            journal.add(.action(ref, meeting: nil, text: "Second agreed action of project \(number)"))
        }
        var raised: [[EventID]] = []
        for index in 0..<meetings {
            let date = day(ofMeeting: index)
            journal.add(.meeting(MeetingFields(group: "big", date: date, present: Array(people.prefix(3)),
                                               apologies: [people[3]], chair: "AB", minuteTaker: "CD")))
            var thisMeeting: [EventID] = []
            for number in 1...projects {
                let ref = ProjectRef(group: "big", number: number)
                journal.add(.note(ref, meeting: date, text: "Meeting \(index + 1), project \(number): first progress note."))
                journal.add(.note(ref, meeting: date, text: "Meeting \(index + 1), project \(number): second note, a little longer, to wrap in narrow columns."))
                let owner = Owner.initials(people[(index + number) % people.count])
                thisMeeting.append(journal.add(.todo(ref, meeting: date, owners: [owner], text: "follow up item \(index + 1).\(number)")).id)
                journal.add(.rate(ref, meeting: date, rating: Rating.allCases[(index + number) % 4], comment: "Comment \(index + 1)"))
                if index >= 2 {
                    let old = raised[index - 2][number - 1]
                    if (index + number) % 3 == 0 {
                        journal.add(.drop(ref: old, meeting: date, reason: "No longer needed"))
                    } else if (index + number) % 3 == 1 {
                        journal.add(.done(ref: old, meeting: date, outcome: "Done at meeting \(index + 1)"))
                    }
                }
            }
            raised.append(thisMeeting)
        }
        return journal
    }

    @Test(.timeLimit(.minutes(2)))
    func everyReportInEveryFormatFinishesAndIsWellFormed() throws {
        let journal = Self.journal()
        #expect(journal.events.count > 2_000)
        let folder = try ExportFixtures.temporaryFolder("large")
        let path = try journal.write(to: folder)
        let last = Self.day(ofMeeting: Self.meetings - 1)
        let middle = Self.day(ofMeeting: 49)

        var requests: [ExportRequest] = []
        // A PDF is this docx converted by LibreOffice, seconds each: PDFExportTests convert one.
        for format in ExportFormat.allCases where format != .pdf {
            if ExportReport.minutes.formats.contains(format) {
                requests.append(.minutes(group: "big", format: format))
                requests.append(.minutes(group: "big", meeting: middle, format: format))
                requests.append(.monitoring(format: format))
                requests.append(.monitoring(asOf: middle, since: Self.day(ofMeeting: 40), format: format))
            }
            requests.append(.actions(format: format))
            requests.append(.actions(owner: "AB", includeClosed: true, format: format))
        }

        for request in requests {
            let result = try Exporter.render(request, journalPath: path)
            let what = "\(request.report) \(request.format) \(result.suggestedFileName)"
            #expect(!result.data.isEmpty, "\(what)")
            switch request.format {
            case .docx:
                let parts = try DocxReader.parts(result.data)
                for (name, part) in parts {
                    #expect(throws: Never.self, "\(what) \(name)") { try XMLTree.parse(part) }
                }
                let (body, _) = try DocxReader.body(result.data)
                if request.report == .minutes {
                    let tables = body.children("w:tbl")
                    #expect(tables.count == Self.projects, "\(what)")
                    let subheadings = tables[0].all("w:p").filter { $0.first("w:pStyle")?.attributes["w:val"] == "TableSubheading" }
                    #expect(subheadings.count == (request.meeting == nil ? Self.meetings : 50), "\(what): one block per meeting so far")
                }
                if request.report == .monitoring {
                    #expect(body.children("w:tbl").first?.children("w:tr").count == Self.projects + 1, "\(what)")
                }
            case .html:
                let html = String(decoding: result.data, as: UTF8.self)
                #expect(HTMLCheck.unbalancedTags(in: html) == [], "\(what)")
                let root = try XMLTree.parse(result.data)
                #expect(root.name == "html")
            case .csv:
                let records = try CSVReader.read(String(decoding: result.data, as: UTF8.self))
                #expect(records.allSatisfy { $0.count == ActionListReport.csvColumns.count }, "\(what)")
                #expect(records.count > 1, "\(what)")
            case .pdf:
                Issue.record("no PDF is made here")
            case .md, .txt:
                let text = String(decoding: result.data, as: UTF8.self)
                #expect(text.hasSuffix("\n"), "\(what)")
                if request.report == .minutes && request.meeting == nil { #expect(text.contains(last.long), "\(what)") }
            }
        }
    }

    @Test func carriedCountsAndOpenItemsAtAMiddleMeetingAreThoseOfThen() throws {
        let journal = Self.journal()
        let middle = Self.day(ofMeeting: 49)
        let document = try MinutesReport.build(group: "big", meeting: middle, state: journal.state)
        guard let table = document.blocks.lazy.compactMap({ block -> ReportTable? in
            if case .table(let t) = block { return t } else { return nil }
        }).first else { Issue.record("no table"); return }
        let toDo = table.rows[0][2].plainLines
        // Raised at meetings 49 and 50 are open; older ones were closed two meetings on, or
        // (every third) neither done nor dropped and carried since.
        #expect(toDo.contains { $0.contains("follow up item 50.1") && !$0.contains("(from") })
        #expect(toDo.contains { $0.contains("follow up item 49.1") && $0.contains("carried once") })
        #expect(!toDo.contains { $0.contains("item 51.") }, "raised after the meeting")
        #expect(toDo.allSatisfy { !$0.contains("item 47.1 ") }, "closed at meeting 49")
    }
}
