import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The formal minutes of a group's second meeting (approval of the first, matters arising,
/// decisions, due dates with their markers, any other business, a confidential item, the next
/// date), and its decisions log, compared with `Golden/formal-*` (RECORD_SNAPSHOTS=1 rewrites).
@Suite struct FormalMinutesGoldenTests {
    static let journal = """
        minutes-journal 2
        2026-01-05T10:00:00.000Z kkkk00000001 person initials=KP name="Kieran Patel" org=Police
        2026-01-05T10:00:01.000Z kkkk00000002 person initials=DD name="Dana Dowd" org="Youth Service"
        2026-01-05T10:00:02.000Z kkkk00000003 person initials=SD name="Sheelagh Davis" org="Northfield School"
        2026-01-05T10:00:03.000Z kkkk00000004 group slug=be-safe name="Be Safe Working Group" lead=KP
        2026-01-05T10:00:04.000Z kkkk00000005 project group=be-safe number=1 headline="A leaflet for parents"
        2026-01-05T10:00:05.000Z kkkk00000006 project group=be-safe number=2 headline="Safe routes to school"
        2026-03-10T09:00:00.000Z mmmm00000001 meeting group=be-safe date=2026-03-10 present=KP present=DD present=SD chair=KP minutes=DD next=2026-04-21
        2026-03-10T09:01:00.000Z aaaa00000001 todo project=be-safe/1@kkkk00000005 meeting=2026-03-10 owner=KP text="send the draft to the printers"
        2026-03-10T09:01:00.001Z aaaa00000002 due ref=aaaa00000001 meeting=2026-03-10 date=2026-04-30
        2026-03-10T09:02:00.000Z aaaa00000003 todo project=be-safe/2@kkkk00000006 meeting=2026-03-10 owner=SD text="Sheelagh Davis to walk the route with the PCSOs"
        2026-03-10T09:02:00.001Z aaaa00000004 due ref=aaaa00000003 meeting=2026-03-10 date=2026-04-01
        2026-03-10T09:03:00.000Z aaaa00000005 todo project=be-safe/2@kkkk00000006 meeting=2026-03-10 owner=DD text="ask the council for crossing figures"
        2026-04-21T09:00:00.000Z mmmm00000002 meeting group=be-safe date=2026-04-21 present=KP present=SD apology=DD guest="Jo Bell (clerk)" chair=KP next=2026-06-02
        2026-04-21T09:01:00.000Z bbbb00000001 approve group=be-safe date=2026-03-10 meeting=2026-04-21 text="Item 2: the route is the Mill Lane one"
        2026-04-21T09:02:00.000Z bbbb00000002 done ref=aaaa00000003 meeting=2026-04-21 outcome="Walked on 30 March; two hazards noted"
        2026-04-21T09:03:00.000Z bbbb00000003 decision project=be-safe/1@kkkk00000005 meeting=2026-04-21 text="The leaflet is printed in English, Urdu and Gujarati"
        2026-04-21T09:04:00.000Z bbbb00000004 note project=be-safe/1@kkkk00000005 meeting=2026-04-21 text="Proofs checked by the parents' forum"
        2026-04-21T09:05:00.000Z bbbb00000005 note project=be-safe/2@kkkk00000006 meeting=2026-04-21 text="A parent's complaint about a named driver was discussed"
        2026-04-21T09:05:00.001Z bbbb00000006 withhold ref=bbbb00000005
        2026-04-21T09:06:00.000Z bbbb00000007 decision project=be-safe/2@kkkk00000006 meeting=2026-04-21 text="Ask the council for a crossing patrol at Mill Lane"
        2026-04-21T09:07:00.000Z bbbb00000008 todo project=be-safe/2@kkkk00000006 meeting=2026-04-21 owner=KP text="write to the council by 15 May"
        2026-04-21T09:07:00.001Z bbbb00000009 due ref=bbbb00000008 meeting=2026-04-21 date=2026-05-15
        2026-04-21T09:08:00.000Z bbbb0000000a aob group=be-safe meeting=2026-04-21 text="The library offers its community room for the June meeting"

        """

    static func state() throws -> MinutesState {
        let loaded = JournalLoader.load(text: journal)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        return loaded.state
    }

    static func render(_ request: ExportRequest) throws -> Data {
        try Exporter.render(request, state: state()).data
    }

    static let meeting = Day(year: 2026, month: 4, day: 21)!

    @Test(arguments: [ExportFormat.md, .txt, .html])
    func formalMinutesMatchGolden(format: ExportFormat) throws {
        let data = try Self.render(.minutes(group: "be-safe", meeting: Self.meeting, format: format))
        try Golden.assertMatches(String(decoding: data, as: UTF8.self), named: "formal-minutes.\(format.fileExtension)")
    }

    @Test func formalMinutesDocxXMLMatchesGolden() throws {
        let data = try Self.render(.minutes(group: "be-safe", meeting: Self.meeting, format: .docx))
        let parts = try DocxRendererTests.unzip(data)
        let xml = try #require(parts["word/document.xml"])
        try Golden.assertMatches(String(decoding: xml, as: UTF8.self), named: "formal-minutes.docx.xml")
        let footer = try #require(parts.first { $0.key.hasPrefix("word/footer") }?.value)
        #expect(String(decoding: footer, as: UTF8.self).contains("DRAFT"))
    }

    @Test(arguments: [ExportFormat.csv, .md])
    func decisionsLogMatchesGolden(format: ExportFormat) throws {
        let data = try Self.render(.decisions(group: "be-safe", format: format))
        try Golden.assertMatches(String(decoding: data, as: UTF8.self), named: "formal-decisions.\(format.fileExtension)")
    }

    @Test func actionListCSVMatchesGolden() throws {
        let data = try Self.render(.actions(format: .csv))
        try Golden.assertMatches(String(decoding: data, as: UTF8.self), named: "formal-actions.csv")
    }

    @Test func theApprovedFirstMeetingSaysSoAndTheSecondIsADraft() throws {
        let state = try Self.state()
        let first = try MinutesReport.build(group: "be-safe", meeting: Day(year: 2026, month: 3, day: 10)!, state: state)
        #expect(first.title == "Be Safe Working Group — Minutes")
        #expect(first.metadata.last?.value == "Approved at the meeting of 21 April 2026, with amendments: Item 2: the route is the Mill Lane one")
        let second = try MinutesReport.build(group: "be-safe", meeting: Self.meeting, state: state)
        #expect(second.title == "Be Safe Working Group — Minutes (DRAFT)")
        #expect(second.footer.hasSuffix("· DRAFT"))
    }

    @Test func theSectionsFollowTheStandardOrder() throws {
        let doc = try MinutesReport.build(group: "be-safe", meeting: Self.meeting, state: Self.state())
        let headings = doc.blocks.compactMap { block -> String? in
            if case .heading(_, let text) = block { return text }
            return nil
        }
        #expect(headings == ["Minutes of the last meeting", "Matters arising", "Project 1", "Project 2",
                             "Any other business", "Date of next meeting", "Who's who"])
        #expect(doc.metadata.contains(ReportMetadata("In attendance", "Jo Bell (clerk)")))
    }

    @Test func aConfidentialNoteIsLeftOutAndCountedUnlessAskedFor() throws {
        let state = try Self.state()
        let circulated = MarkdownRenderer.render(try MinutesReport.build(group: "be-safe", meeting: Self.meeting, state: state))
        #expect(!circulated.contains("named driver"))
        #expect(circulated.contains("1 confidential item was withheld from this copy."))
        let full = MarkdownRenderer.render(try MinutesReport.build(group: "be-safe", meeting: Self.meeting, includeConfidential: true, state: state))
        #expect(full.contains("Confidential\\]** A parent's complaint about a named driver"))
        #expect(!full.contains("withheld"))
    }

    @Test func aFollowUpTypedWithAFullNameKeepsItsWording() throws {
        let md = MarkdownRenderer.render(try MinutesReport.build(group: "be-safe", meeting: Self.meeting, state: Self.state()))
        #expect(md.contains("Sheelagh Davis to walk the route with the PCSOs — done"))
        #expect(!md.contains("**SD** to Sheelagh Davis"))
    }

    @Test func dueStatusComesFromTheDueDateAndTheCarriedCount() {
        let day = Day(year: 2026, month: 4, day: 21)!
        #expect(DueStatus.of(due: Day(year: 2026, month: 4, day: 20), carried: 0, today: day) == .overdue)
        #expect(DueStatus.of(due: Day(year: 2026, month: 5, day: 1), carried: 0, today: day) == .dueSoon)
        #expect(DueStatus.of(due: Day(year: 2026, month: 6, day: 1), carried: 0, today: day) == .onTrack)
        #expect(DueStatus.of(due: Day(year: 2026, month: 6, day: 1), carried: 2, today: day) == .dueSoon)
        #expect(DueStatus.of(due: nil, carried: 1, today: day) == .onTrack)
        #expect(DueStatus.of(due: nil, carried: 2, today: day) == .dueSoon)
        #expect(DueStatus.of(due: nil, carried: 3, today: day) == .overdue)
    }
}
