import Foundation
import Testing

/// The monitoring report is circulated too: confidential entries are left out of it, and
/// counted, as they are from the minutes.
@Suite("Confidential entries and the monitoring report")
struct ConfidentialMonitoringTests {
    @Test func theMonitoringReportWithholdsConfidentialNotesAndActionsUnlessAskedToKeepThem() throws {
        let box = try Sandbox()
        try box.copySample()
        #expect(try box.run(["add", "note", "stay-safe/1", "A private matter about a named pupil", "--confidential"]).status == 0)
        #expect(try box.run(["add", "action", "stay-safe/1", "Settle the private matter", "--confidential"]).status == 0)
        let circulated = try box.run(["export", "monitoring", "stay-safe", "--format", "md"])
        #expect(circulated.status == 0, "\(circulated)")
        #expect(!circulated.stdout.contains("private matter"))
        #expect(circulated.stdout.contains("2 confidential items were withheld"))
        let kept = try box.run(["export", "monitoring", "stay-safe", "--format", "md", "--include-confidential"])
        #expect(kept.stdout.contains("A private matter about a named pupil") && kept.stdout.contains("Settle the private matter"))
        #expect(!kept.stdout.contains("withheld"))
    }
}
