import Foundation
import MinutesCore
import MinutesExport
@testable import MinutesImport
import Testing

/// Our own Word minutes (`minutes export minutes GROUP --format docx`) read back to the same state.
@Suite struct RoundTripImportTests {
    /// A project's content as the minutes show it: headline, lead, actions, notes by meeting,
    /// open follow-ups with owners, raised date and carried count.
    static func content(_ state: MinutesState) -> [String] {
        state.projects(in: "riverside").flatMap { p -> [String] in
            ["\(p.ref.number) \(p.headline) lead=\(p.plan.lead ?? "-")"]
                + state.actions(of: p.ref).map { "action \($0.text)" }
                + state.notes(of: p.ref).map { "note \($0.meeting.iso) \($0.text)" }
                + state.followUps(of: p.ref).filter { $0.state.isOpen }
                    .map { "todo \($0.meeting.iso) \(Owner.phrase($0.owners)) | \($0.text) ×\(state.carriedCount($0))" }
        }
    }

    @Test func ourOwnDocxExportImportsBackToTheSameState() throws {
        let original = try Fixture.journal()
        try Fixture.importThreeMonths(into: original)
        // Some text a round trip must keep: a lead, quotes, other scripts, a done follow-up.
        let session = try JournalSession(path: original, locking: .none)
        let ref = ProjectRef(group: "riverside", number: 2)
        try session.record(.plan(.project(ref), PlanFields(lead: "AS")))
        try session.record(.note(ref, meeting: Fixture.months[2].meeting, text: "Flyers in Urdu (اردو) and Gujarati (ગુજરાતી) “printed” — 😀"))
        let state = try Fixture.state(original).state
        let docx = try DocxRenderer.render(try MinutesReport.build(group: "riverside", state: state))
        let file = URL(fileURLWithPath: original).deletingLastPathComponent().appendingPathComponent("export.docx")
        try docx.write(to: file)

        let copy = try Fixture.journal()
        let read = try ImportRun.read(path: file.path)
        let back = try JournalSession(path: copy, locking: .none)
        try back.recordBatch { batch in
            let plan = try ImportPlanner.plan(read, state: batch.state, options: ImportOptions(group: "riverside"))
            try ImportRun.add(plan, to: &batch)
        }
        let imported = try Fixture.state(copy)
        #expect(imported.diagnostics.isEmpty)
        #expect(Self.content(imported.state) == Self.content(state))
        #expect(imported.state.groups["riverside"]?.meetings.map(\.date) == Fixture.months.map(\.meeting))
    }
}
