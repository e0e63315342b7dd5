import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The plan-and-monitor documents: the project plan, the action plan with its monitoring
/// boxes, and the monitoring report's cumulative mode, RAG cells and several groups.
@Suite struct PlanReportTests {
    static let textFormats: [ExportFormat] = [.md, .txt, .html]

    static func render(_ request: ExportRequest, path: String = ExportFixtures.samplePath) throws -> String {
        String(decoding: try Exporter.render(request, journalPath: path).data, as: UTF8.self)
    }

    @Test(arguments: textFormats)
    func theSampleProjectPlanMatchesGolden(format: ExportFormat) throws {
        let text = try Self.render(ExportRequest(report: .plan, format: format, groups: ["stay-safe"]))
        try Golden.assertMatches(text, named: "sample-plan.\(format.fileExtension)")
    }

    @Test(arguments: textFormats)
    func theSampleActionPlanAsOf25JuneMatchesGolden(format: ExportFormat) throws {
        let text = try Self.render(ExportRequest(report: .actionPlan, format: format, groups: ["stay-safe"],
                                                 asOf: ExportFixtures.day("2009-06-25")))
        try Golden.assertMatches(text, named: "sample-action-plan-2009-06-25.\(format.fileExtension)")
    }

    @Test(arguments: textFormats)
    func theCumulativeMonitoringReportMatchesGolden(format: ExportFormat) throws {
        var request = ExportRequest.monitoring(groups: ["stay-safe"], asOf: ExportFixtures.day("2009-06-25"), format: format)
        request.cumulative = true
        request.title = "STAY SAFE CLUSTER BUSINESS PLAN 2009 – 2011 — MONITORING JUNE 2009"
        try Golden.assertMatches(try Self.render(request), named: "sample-monitoring-cumulative-2009-06-25.\(format.fileExtension)")
    }

    @Test func theActionPlanDocxIsLandscapeWithAMonitoringBoxPerFocusAreaColouredByRating() throws {
        let data = try Exporter.render(ExportRequest(report: .actionPlan, format: .docx, groups: ["stay-safe"],
                                                     asOf: ExportFixtures.day("2009-06-25")), journalPath: ExportFixtures.samplePath).data
        let (body, xml) = try DocxReader.body(data)
        #expect(String(decoding: xml, as: UTF8.self).contains("w:orient=\"landscape\""))
        let tables = body.all("w:tbl")
        let boxes = tables.filter { DocxReader.text(of: $0).hasPrefix("Monitoring: progress") }
        #expect(boxes.count == 6)
        let firstBox = try #require(boxes.first)
        let statusCell = try #require(firstBox.all("w:tr").dropFirst().first?.all("w:tc").first)
        #expect(DocxReader.boldRuns(in: statusCell) == ["Good"])
        #expect(statusCell.first("w:tcPr")?.first("w:shd")?.attributes["w:fill"] == RAG.fill(.good))
        let activities = try #require(tables.first { DocxReader.text(of: $0).hasPrefix("TargetActivity") })
        #expect(DocxReader.text(of: activities).contains("Ongoing: autumn and spring terms"))
    }

    @Test func aThreeGroupMonitoringReportComesOutAsOneDocxWithRAGStatus() throws {
        var j = TestJournal()
        for slug in ["be-safe", "be-healthy", "achieve"] {
            j.add(.group(slug: slug, name: slug.uppercased(), lead: nil))
            j.add(.project(ProjectRef(group: slug, number: 1), headline: "Headline of \(slug)"))
            j.add(.meeting(MeetingFields(group: slug, date: ExportFixtures.day("2009-03-01"))))
            j.add(.rate(ProjectRef(group: slug, number: 1), meeting: ExportFixtures.day("2009-03-01"),
                        rating: slug == "achieve" ? .unsatisfactory : .good, comment: nil))
        }
        let path = try j.write(to: ExportFixtures.temporaryFolder("three-groups"))
        let data = try Exporter.render(.monitoring(groups: ["be-safe", "be-healthy", "achieve"], asOf: ExportFixtures.day("2009-03-01"),
                                                   format: .docx), journalPath: path).data
        let (body, _) = try DocxReader.body(data)
        let tables = body.all("w:tbl")
        #expect(tables.count == 3)
        let fills = tables.compactMap { $0.all("w:tr").dropFirst().first?.all("w:tc").last?.first("w:tcPr")?.first("w:shd")?.attributes["w:fill"] }
        #expect(fills == [RAG.fill(.good), RAG.fill(.good), RAG.fill(.unsatisfactory)])
        let header = DocxReader.text(of: try #require(tables.first?.all("w:tr").first))
        #expect(header.contains("Update 1 March 2009"))
    }

    /// A plan changed after a monitoring date leaves the documents as of that date as they were.
    @Test func aPlanEditedAfterTheMonitoringDateDoesNotChangeTheReportAsOfThatDate() throws {
        let lines = [
            EventWriter.header,
            #"2009-01-05T10:00:00.000Z 000000000001 group slug=g name="G""#,
            #"2009-01-05T10:00:01.000Z 000000000002 project group=g number=1 headline="Train staff""#,
            #"2009-01-05T10:00:02.000Z 000000000003 plan project=g/1@000000000002 code=FA1 aim="Old aim" start=2009-01"#,
            #"2009-01-05T10:00:03.000Z 000000000004 action project=g/1@000000000002 text="Run sessions""#,
            #"2009-01-05T10:00:04.000Z 000000000005 plan ref=000000000004 timing=2009-07"#,
            #"2009-02-01T10:00:00.000Z 000000000006 meeting group=g date=2009-02-01"#,
            #"2009-02-01T10:00:01.000Z 000000000007 note project=g/1@000000000002 meeting=2009-02-01 text="First session held""#,
            #"2009-03-01T10:00:00.000Z 000000000008 meeting group=g date=2009-03-01"#,
            #"2009-03-01T10:00:01.000Z 000000000009 note project=g/1@000000000002 meeting=2009-03-01 text="Second session held""#,
            #"2009-03-01T10:00:02.000Z 00000000000a rate project=g/1@000000000002 meeting=2009-03-01 rating=good comment="On track""#,
        ]
        let later = [
            #"2009-04-10T10:00:00.000Z 00000000000b plan project=g/1@000000000002 code=FA9 aim="New aim" start=2009-02-15"#,
            #"2009-04-10T10:00:01.000Z 00000000000c plan ref=000000000004 timing=Ongoing"#,
        ]
        let folder = try ExportFixtures.temporaryFolder("plan-as-of")
        let before = folder.appendingPathComponent("before.journal"), after = folder.appendingPathComponent("after.journal")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: before)
        try Data(((lines + later).joined(separator: "\n") + "\n").utf8).write(to: after)
        let march = ExportFixtures.day("2009-03-01")
        var monitoring = ExportRequest.monitoring(groups: ["g"], asOf: march, format: .md)
        monitoring.cumulative = true
        let actionPlan = ExportRequest(report: .actionPlan, format: .md, groups: ["g"], asOf: march)
        for request in [monitoring, actionPlan] {
            #expect(try Self.render(request, path: before.path) == Self.render(request, path: after.path))
        }
        let marchPlan = try Self.render(actionPlan, path: after.path)
        #expect(marchPlan.contains("FA1") && marchPlan.contains("Jul 2009") && !marchPlan.contains("New aim"))
        let cumulative = try Self.render(monitoring, path: after.path)
        #expect(cumulative.contains("First session held") && cumulative.contains("Second session held"))
        var april = actionPlan
        april.asOf = ExportFixtures.day("2009-04-30")
        let aprilPlan = try Self.render(april, path: after.path)
        #expect(aprilPlan.contains("FA9") && aprilPlan.contains("New aim") && aprilPlan.contains("Ongoing"))
    }
}
