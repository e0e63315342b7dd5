import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The sample journal's reports as Word documents, unzipped and read back.
@Suite struct ReportDocxTests {

    static func body(_ request: ExportRequest) throws -> Node {
        let result = try Exporter.render(request, journalPath: ExportFixtures.samplePath)
        #expect(result.format == .docx)
        return try DocxReader.body(result.data).body
    }

    @Test func minutesHaveALandscapeTablePerProjectWithTheThreeColumns() throws {
        let body = try Self.body(.minutes(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"), format: .docx))
        let size = try #require(body.first("w:sectPr")?.first("w:pgSz"))
        #expect(size.attributes["w:orient"] == "landscape")
        #expect(Int(size.attributes["w:w"] ?? "") ?? 0 > Int(size.attributes["w:h"] ?? "") ?? 0)

        let tables = body.children("w:tbl")
        #expect(tables.count == 6)
        for table in tables {
            let rows = table.children("w:tr")
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.children("w:tc").count == 3 })
            #expect(rows[0].children("w:tc").map(DocxReader.text(of:)) == ["Actions required", "Progress: 25 June 2009", "To do by next meeting"])
            #expect(rows[0].first("w:tblHeader") != nil)
        }
        let title = body.children("w:p").first.map(DocxReader.text(of:))
        #expect(title == "Stay Safe Working Group — Minutes (DRAFT)")
        let headings = body.children("w:p")
            .filter { $0.first("w:pStyle")?.attributes["w:val"] == "Heading1" }.map(DocxReader.text(of:))
        #expect(headings == ["Minutes of the last meeting", "Matters arising"] + (1...6).map { "Project \($0)" }
            + ["Date of next meeting", "Who's who"])
    }

    @Test func minutesCellsHoldTheHeadlineNotesAndBoldOwners() throws {
        let body = try Self.body(.minutes(group: "stay-safe", format: .docx))
        let cells = body.children("w:tbl")[2].children("w:tr")[1].children("w:tc")

        let actions = DocxReader.paragraphs(of: cells[0])
        #expect(actions.first == "Road, home and online safety awareness for young people")
        #expect(DocxReader.boldRuns(in: cells[0]) == ["Road, home and online safety awareness for young people"])
        #expect(cells[0].children("w:p").dropFirst().allSatisfy { $0.first("w:numPr") != nil }, "actions are bullets")

        let progress = cells[1].children("w:p")
        let subheadings = progress.filter { $0.first("w:pStyle")?.attributes["w:val"] == "TableSubheading" }.map(DocxReader.text(of:))
        #expect(subheadings == ["12 March", "14 May", "25 June"])
        #expect(DocxReader.paragraphs(of: cells[1]).last == "Plenty of road safety clips online; a respect week is planned on the estate in July.")

        #expect(DocxReader.paragraphs(of: cells[2]) == [
            "DN to find short local video clips on road safety — dropped: The Youth Service will make its own clips with young people instead",
            "JB to ask the transport police for a named contact (from 12 March, carried twice) — ▲ due soon",
            "DN and JB to involve the secondary schools in the respect week",
        ])
        #expect(DocxReader.boldRuns(in: cells[2]) == ["DN", "JB", "DN", "JB"])
        let plain = cells[2].all("w:r").filter { $0.first("w:b") == nil }.map(DocxReader.text(of:))
        #expect(plain.contains(" to involve the secondary schools in the respect week"))
    }

    @Test func minutesEndWithWhoIsWho() throws {
        let body = try Self.body(.minutes(group: "stay-safe", format: .docx))
        let entries = body.children("w:p").filter { $0.first("w:pStyle")?.attributes["w:val"] == "WhoEntry" }
        #expect(entries.count == 8)
        #expect(entries.map { DocxReader.boldRuns(in: $0) } == ["AT", "DN", "IH", "JB", "MH", "PM", "RO", "ZN"].map { [$0] })
        #expect(entries.last.map(DocxReader.text(of:)) == "ZN\tZoë Ní Bhriain, Family support worker")
    }

    @Test func monitoringHasOneFiveColumnTableWithARowPerProject() throws {
        let body = try Self.body(.monitoring(groups: ["stay-safe"], asOf: ExportFixtures.day("2009-06-25"),
                                             since: ExportFixtures.day("2009-05-14"), format: .docx))
        let tables = body.children("w:tbl")
        #expect(tables.count == 1)
        let rows = try #require(tables.first).children("w:tr")
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.children("w:tc").count == 5 })
        #expect(rows[0].children("w:tc").map(DocxReader.text(of:)) == ["No.", "Priority", "Actions agreed", "Update 25 June 2009", "Status"])
        let directory = rows[2].children("w:tc")
        #expect(DocxReader.text(of: directory[0]) == "2")
        #expect(DocxReader.paragraphs(of: directory[4]) == ["Excellent", "Directory nearly ready"])
        #expect(DocxReader.boldRuns(in: directory[4]) == ["Excellent"])
        #expect(DocxReader.paragraphs(of: directory[3]).first == "25 June")
    }

    @Test func actionListIsBulletsWithBoldOwners() throws {
        let body = try Self.body(.actions(owner: "JB", format: .docx))
        #expect(body.children("w:tbl").isEmpty)
        let bullets = body.children("w:p").filter { $0.first("w:pStyle")?.attributes["w:val"] == "ListBullet" }
        #expect(bullets.count == 2)
        #expect(bullets.map { DocxReader.boldRuns(in: $0) } == [["JB"], ["DN", "JB"]])
        #expect(bullets.first.map(DocxReader.text(of:)) == "JB to ask the transport police for a named contact\nProject 3: Road, home and online safety awareness for young people\nRaised 12 March 2009, carried twice.\n▲ due soon")
    }

    @Test func docxIsReproducibleUnlessACreationDateIsGiven() throws {
        let state = try ExportFixtures.sampleState()
        var request = ExportRequest.minutes(group: "stay-safe", format: .docx)
        let first = try Exporter.render(request, state: state).data
        let second = try Exporter.render(request, state: state).data
        #expect(first == second)
        request.created = Date(timeIntervalSince1970: 1_245_949_200)
        let dated = try Exporter.render(request, state: state).data
        let core = try #require(try DocxReader.parts(dated)["docProps/core.xml"])
        #expect(String(decoding: core, as: UTF8.self).contains("2009-06-25T17:00:00Z"))
    }
}
