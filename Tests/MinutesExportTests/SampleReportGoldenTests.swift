import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The three reports of `data/sample.journal`, compared with the golden files
/// `Golden/sample-*` (run with RECORD_SNAPSHOTS=1 to rewrite them, then read them).
@Suite struct SampleReportGoldenTests {

    static let textFormats: [ExportFormat] = [.md, .txt, .html]

    static func render(_ request: ExportRequest) throws -> String {
        let result = try Exporter.render(request, journalPath: ExportFixtures.samplePath)
        return String(decoding: result.data, as: UTF8.self)
    }

    @Test(arguments: textFormats)
    func minutesOf25JuneMatchGolden(format: ExportFormat) throws {
        let text = try Self.render(.minutes(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"), format: format))
        try Golden.assertMatches(text, named: "sample-minutes-2009-06-25.\(format.fileExtension)")
    }

    @Test(arguments: textFormats)
    func monitoringAsOf25JuneSince14MayMatchesGolden(format: ExportFormat) throws {
        let text = try Self.render(.monitoring(groups: ["stay-safe"], asOf: ExportFixtures.day("2009-06-25"),
                                               since: ExportFixtures.day("2009-05-14"), format: format))
        try Golden.assertMatches(text, named: "sample-monitoring-2009-06-25.\(format.fileExtension)")
    }

    @Test(arguments: textFormats + [.csv])
    func actionListMatchesGolden(format: ExportFormat) throws {
        let text = try Self.render(.actions(format: format))
        try Golden.assertMatches(text, named: "sample-actions.\(format.fileExtension)")
    }

    @Test(arguments: textFormats + [.csv])
    func oneOwnersActionListMatchesGolden(format: ExportFormat) throws {
        let text = try Self.render(.actions(owner: "PM", format: format))
        try Golden.assertMatches(text, named: "sample-actions-pm.\(format.fileExtension)")
    }

    @Test func actionListWithClosedFollowUpsMatchesGolden() throws {
        let text = try Self.render(.actions(includeClosed: true, format: .csv))
        try Golden.assertMatches(text, named: "sample-actions-all.csv")
    }
}
