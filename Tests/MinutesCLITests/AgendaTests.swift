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
        // The standard order: apologies, last minutes, matters arising, projects 1 to 6, AOB, next date.
        let heads = lines.filter { $0.first?.isNumber == true }
        #expect(heads.count == 11)
        #expect(heads.first == "1. Apologies for absence")
        #expect(heads[1].hasPrefix("2. Minutes of the last meeting (25 June 2009): to approve"))
        #expect(heads[2] == "3. Matters arising")
        let projectHeads: [String] = heads[3...8].map { String($0.split(separator: ":")[0]) }
        let expected: [String] = (1...6).map { n in String(n + 3) + ". Project " + String(n) }
        #expect(projectHeads == expected)
        #expect(heads[9] == "10. Any other business")
        #expect(heads[10] == "11. Date of next meeting")
        // A follow-up raised on 12 March and open through two later meetings is listed as carried twice.
        #expect(lines.contains { $0.contains("JB to ask the transport police") && $0.contains("from 12 March, carried 2×") })
        // Done and dropped follow-ups are not on the agenda.
        #expect(!r.stdout.contains("chase the partners"))
        #expect(!r.stdout.contains("short local video clips"))
        #expect(lines.contains { $0.hasPrefix("5. Project 2") && $0.contains("last rated Excellent") })
    }

    @Test func aGroupLeavesOutTheSectionsItDoesNotUse() throws {
        let box = try Sandbox()
        try box.copySample()
        let r = try box.run(["agenda", "stay-safe", "--leave-out", "apologies", "aob"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains("Apologies for absence"))
        #expect(!r.stdout.contains("Any other business"))
        #expect(r.stdout.contains("1. Minutes of the last meeting"))
        let bad = try box.run(["agenda", "stay-safe", "--leave-out", "lunch"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'lunch' is not a section"))
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
