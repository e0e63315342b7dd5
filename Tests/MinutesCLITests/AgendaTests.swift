import Foundation
import Testing

@Suite("minutes agenda")
struct AgendaTests {
    @Test func agendaListsProjectsInOrderWithTheirCarriedFollowUpsAndLastRating() throws {
        let box = try Sandbox()
        try box.copySample()
        let r = try box.run(["agenda", "stay-safe", "--date", "2009-09-17"])
        #expect(r.status == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Agenda: Stay Safe Working Group, 17 September 2009")
        // Projects appear in agenda order, 1 to 6.
        let heads = lines.filter { $0.first?.isNumber == true }.map { $0.prefix(2) }
        #expect(heads == ["1.", "2.", "3.", "4.", "5.", "6."])
        // A follow-up raised on 12 March and open through two later meetings is listed as carried twice.
        #expect(lines.contains { $0.contains("JB to ask the transport police") && $0.contains("from 12 March, carried 2×") })
        // Done and dropped follow-ups are not on the agenda.
        #expect(!r.stdout.contains("chase the partners"))
        #expect(!r.stdout.contains("short local video clips"))
        #expect(lines.contains { $0.hasPrefix("2. ") && $0.contains("last rated Excellent") })
    }

    @Test func agendaOfAnUnknownGroupIsAnErrorAndChangesNothing() throws {
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()
        let r = try box.run(["agenda", "no-such-group"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no-such-group"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(box.bytes() == before)
    }
}
