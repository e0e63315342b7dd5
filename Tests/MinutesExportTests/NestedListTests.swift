import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// Sub-points: the lines of an entry that start with "- ", shown as a list inside the entry's
/// bullet in every format.
@Suite struct NestedListTests {

    @Test func subPointsAreTheLinesThatStartWithADash() {
        let split = SubPoints.split("Template to be sent, detailing:\n- an overview\n- contact numbers")
        #expect(split == SubPoints(head: "Template to be sent, detailing:", points: ["an overview", "contact numbers"]))
    }

    @Test func aLineAfterASubPointContinuesItAndBlankLinesAreDropped() {
        let split = SubPoints.split("Agreed:\r\n  - a named contact\nin every school\n\n- a date\n")
        #expect(split.head == "Agreed:")
        #expect(split.points == ["a named contact\nin every school", "a date"])
    }

    @Test func textWithoutSubPointsIsLeftAsItIs() {
        #expect(SubPoints.split("One line") == SubPoints(head: "One line", points: []))
        #expect(SubPoints.split("Two\nlines") == SubPoints(head: "Two\nlines", points: []))
        #expect(SubPoints.split("Minus -5 degrees\n-not a point\n- ") == SubPoints(head: "Minus -5 degrees\n-not a point\n- ", points: []))
    }

    @Test func anEntryMadeOnlyOfSubPointsBecomesBullets() {
        let blocks = SubPoints.split("- one\n- two").listItem().cellBlocks
        #expect(blocks == [.bullet("one"), .bullet("two")])
    }

    /// A group whose action, note and carried follow-up each have sub-points.
    static func journal() -> TestJournal {
        var journal = TestJournal()
        let march = ExportFixtures.day("2011-03-10"), may = ExportFixtures.day("2011-05-12")
        let ref = ProjectRef(group: "be-safe", number: 1)
        journal.add(.person(Person(initials: "KP", name: "Kim Parker", organisation: "Police", email: "kp@example.org")))
        journal.add(.group(slug: "be-safe", name: "Be Safe Working Group", lead: "KP"))
        journal.add(.project(ref, headline: "A directory of local services"))
        journal.add(.meeting(MeetingFields(group: "be-safe", date: march, present: ["KP"])))
        journal.add(.action(ref, meeting: march, text: "Keep the directory up to date:\n- each term\n- after every reorganisation"))
        journal.add(.todo(ref, meeting: march, owners: [.initials("KP")],
                          text: "send the template, detailing:\n- an overview\n- contact numbers"))
        journal.add(.meeting(MeetingFields(group: "be-safe", date: may, present: ["KP"])))
        journal.add(.note(ref, meeting: may, text: "Template agreed. Still to add:\n- the agency's name\n- how to make a referral"))
        return journal
    }

    static let formats: [ExportFormat] = [.md, .txt, .html]

    @Test(arguments: formats)
    func minutesWithSubPointsMatchGolden(format: ExportFormat) throws {
        let data = try Exporter.render(.minutes(group: "be-safe", format: format), state: Self.journal().state).data
        try Golden.assertMatches(String(decoding: data, as: UTF8.self), named: "nested-minutes.\(format.fileExtension)")
    }

    @Test(arguments: formats)
    func actionListWithSubPointsMatchesGolden(format: ExportFormat) throws {
        let data = try Exporter.render(.actions(format: format), state: Self.journal().state).data
        try Golden.assertMatches(String(decoding: data, as: UTF8.self), named: "nested-actions.\(format.fileExtension)")
    }

    @Test func htmlNestsTheSubPointsInsideTheirItem() throws {
        let html = String(decoding: try Exporter.render(.minutes(group: "be-safe", format: .html), state: Self.journal().state).data, as: UTF8.self)
        #expect(html.contains("<li dir=\"auto\">Keep the directory up to date:<ul><li dir=\"auto\">each term</li><li dir=\"auto\">after every reorganisation</li></ul></li></ul>"))
        #expect(html.contains("<strong>KP</strong> to send the template, detailing: (from 10 March, carried once)<ul><li dir=\"auto\">an overview</li>"))
        #expect(HTMLCheck.unbalancedTags(in: html) == [])
        #expect(throws: Never.self) { try XMLTree.parse(Data(html.utf8)) }
    }

    @Test func docxPutsSubPointsOnTheSecondNumberingLevel() throws {
        let data = try Exporter.render(.minutes(group: "be-safe", format: .docx), state: Self.journal().state).data
        let body = try DocxReader.body(data).body
        let cells = body.first("w:tbl")!.children("w:tr")[1].children("w:tc")
        func levels(_ cell: Node) -> [(String, String)] {
            cell.children("w:p").compactMap { p in
                guard let level = p.first("w:numPr")?.first("w:ilvl")?.attributes["w:val"] else { return nil }
                return (level, DocxReader.text(of: p))
            }
        }
        #expect(levels(cells[0]).map(\.0) == ["0", "1", "1"])
        #expect(levels(cells[0]).map(\.1) == ["Keep the directory up to date:", "each term", "after every reorganisation"])
        #expect(levels(cells[1]).map(\.0) == ["0", "1", "1"])
        #expect(levels(cells[2]).map(\.0) == ["0", "1", "1"])
        #expect(levels(cells[2]).map(\.1)[0] == "KP to send the template, detailing: (from 10 March, carried once)")
        // The second level is indented further, on the paragraph as in the numbering.
        let sub = try #require(cells[0].children("w:p").first { $0.first("w:ilvl")?.attributes["w:val"] == "1" })
        #expect(sub.first("w:ind")?.attributes["w:left"] == "568")
        let numbering = String(decoding: try #require(try DocxReader.parts(data)["word/numbering.xml"]), as: UTF8.self)
        #expect(numbering.contains(#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/>"#))
    }

    @Test func docxActionListPutsDetailAfterTheSubPoints() throws {
        let data = try Exporter.render(.actions(format: .docx), state: Self.journal().state).data
        let paragraphs = try DocxReader.body(data).body.children("w:p").filter { $0.first("w:numPr") != nil || $0.first("w:pStyle")?.attributes["w:val"] == "ListContinue" }
        #expect(paragraphs.map(DocxReader.text(of:)) == [
            "KP to send the template, detailing:", "an overview", "contact numbers",
            "Project 1: A directory of local services\nRaised 10 March 2011, carried once.",
        ])
    }
}
