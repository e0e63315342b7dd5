import Foundation
import Testing

/// Formal minutes from the command line: decisions, due dates, approval, confidential items,
/// and the one-line errors for bad input (each leaves the journal byte for byte as it was).
@Suite("formal minutes")
struct FormalMinutesCLITests {
    /// Runs a command that must fail: exit status, one line on stderr naming `mentions`, journal untouched.
    func refused(_ args: [String], status: Int32 = 1, mentions: String) throws {
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()
        let r = try box.run(args)
        #expect(r.status == status, "\(r)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(box.bytes() == before)
    }

    @Test func approvingAMeetingThatWasNotHeldIsRefused() throws {
        try refused(["approve", "stay-safe", "2009-05-15"], mentions: "<date>: stay-safe held no meeting on 2009-05-15")
    }

    @Test func approvingAMeetingAtItselfIsRefused() throws {
        try refused(["approve", "stay-safe", "2009-06-25"], mentions: "cannot be approved at the same meeting")
    }

    @Test func approvingAtAMeetingThatWasNotHeldIsRefused() throws {
        try refused(["approve", "stay-safe", "2009-05-14", "--at", "2009-07-01"], mentions: "--at: stay-safe held no meeting on 2009-07-01")
    }

    @Test func approvingAtAnEarlierMeetingIsRefused() throws {
        try refused(["approve", "stay-safe", "2009-05-14", "--at", "2009-03-12"], mentions: "cannot be approved at the earlier meeting")
    }

    @Test func anUnknownDateIsRefusedNamingTheArgument() throws {
        try refused(["approve", "stay-safe", "2009-02-30"], mentions: "<date>: 2009-02-30 is not a real date")
        try refused(["add", "todo", "stay-safe/1", "RO to check", "--due", "soon"], mentions: "--due: 'soon' is not a date")
    }

    @Test func aDueDateBeforeTheMeetingIsRefused() throws {
        try refused(["add", "todo", "stay-safe/1", "RO to check the list", "--due", "2009-06-01"],
                    mentions: "--due: 2009-06-01 is before the meeting of 2009-06-25")
        try refused(["due", "c36ykr0rjnzw", "2009-01-01"], mentions: "<date>: 2009-01-01 is before the meeting of 2009-03-12")
    }

    @Test func approvingTwiceIsRefused() throws {
        let box = try Sandbox()
        try box.copySample()
        let first = try box.run(["approve", "stay-safe", "2009-05-14", "--at", "2009-06-25"])
        #expect(first.status == 0, "\(first)")
        let before = box.bytes()
        let again = try box.run(["approve", "stay-safe", "2009-05-14", "--at", "2009-06-25"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("were already approved at the meeting of 2009-06-25"))
        #expect(box.bytes() == before)
    }

    @Test func aFormatOneJournalRefusesTheNewKindsAndSaysToUpgrade() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let before = box.bytes()
        let r = try box.run(["add", "decision", "be-safe/1", "Print in June"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("minutes upgrade"))
        #expect(box.bytes() == before)
    }

    @Test func minutesStayADraftUntilALaterMeetingApprovesThem() throws {
        let box = try Sandbox()
        try box.copySample()
        let draft = try box.run(["export", "minutes", "stay-safe", "--meeting", "2009-05-14", "--format", "txt"])
        #expect(draft.stdout.contains("Minutes (DRAFT)"))
        let ok = try box.run(["approve", "stay-safe", "2009-05-14", "--at", "2009-06-25", "--amendments", "Item 4: PM, not MH"])
        #expect(ok.status == 0, "\(ok)")
        let approved = try box.run(["export", "minutes", "stay-safe", "--meeting", "2009-05-14", "--format", "md"])
        #expect(!approved.stdout.contains("DRAFT"))
        #expect(approved.stdout.contains("Approved at the meeting of 25 June 2009, with amendments: Item 4: PM, not MH"))
        let next = try box.run(["export", "minutes", "stay-safe", "--meeting", "2009-06-25", "--format", "md"])
        #expect(next.stdout.contains("The minutes of the meeting of 14 May 2009 were approved as a true record, with these amendments: Item 4: PM, not MH."))
    }

    @Test func aDecisionIsInTheMinutesAndTheDecisionsLog() throws {
        let box = try Sandbox()
        try box.copySample()
        let r = try box.run(["add", "decision", "stay-safe/2", "The directory goes online in September"])
        #expect(r.status == 0, "\(r)")
        let minutes = try box.run(["export", "minutes", "stay-safe", "--format", "md"])
        #expect(minutes.stdout.contains("**Decision:** The directory goes online in September"))
        let log = try box.run(["export", "decisions", "stay-safe", "--format", "csv"])
        #expect(log.stdout.contains("2009-06-25,stay-safe,2,"))
        #expect(log.stdout.contains("The directory goes online in September"))
        let since = try box.run(["export", "decisions", "stay-safe", "--since", "2009-07-01", "--format", "txt"])
        #expect(since.stdout.contains("No decisions recorded."))
    }

    @Test func aDueDateIsReadFromTheTextAndOverdueOnesAreListed() throws {
        let box = try Sandbox()
        try box.copySample()
        let r = try box.run(["add", "todo", "stay-safe/1", "RO to send the training dates by 10 July"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("due 10 July 2009"))
        let term = try box.run(["add", "todo", "stay-safe/1", "RO to plan the inset day by end of term"])
        #expect(term.stderr.contains("'by end of term' is not a date"))
        let overdue = try box.run(["todo", "--overdue", "--as-of", "2009-07-20"])
        #expect(overdue.stdout.contains("send the training dates by 10 July"))
        #expect(overdue.stdout.contains("■ overdue"))
        #expect(!overdue.stdout.contains("plan the inset day"))
    }

    @Test func changingADueDateIsKeptInTheHistory() throws {
        let box = try Sandbox()
        try box.copySample()
        _ = try box.run(["due", "c36ykr0rjnzw", "2009-07-31"])
        _ = try box.run(["due", "c36ykr0rjnzw", "2009-09-30"])
        let log = try box.run(["log", "c36ykr0rjnzw"])
        #expect(log.stdout.contains("due by 31 July 2009"))
        #expect(log.stdout.contains("due date changed to 30 September 2009"))
    }

    @Test func aConfidentialItemIsWithheldFromCirculatedCopiesButNotFromItsOwner() throws {
        let box = try Sandbox()
        try box.copySample()
        let mark = try box.run(["confidential", "c36ykr0rjnzw"])
        #expect(mark.status == 0, "\(mark)")
        let minutes = try box.run(["export", "minutes", "stay-safe", "--format", "txt"])
        #expect(!minutes.stdout.contains("transport police"))
        #expect(minutes.stdout.contains("1 confidential item was withheld from this copy."))
        let full = try box.run(["export", "minutes", "stay-safe", "--format", "txt", "--include-confidential"])
        #expect(full.stdout.contains("transport police"))
        let everyone = try box.run(["export", "actions", "--format", "txt"])
        #expect(!everyone.stdout.contains("transport police"))
        let own = try box.run(["export", "actions", "--owner", "JB", "--format", "txt"])
        #expect(own.stdout.contains("transport police"))
        #expect(own.stdout.contains("[Confidential]"))
    }

    @Test func anAmendmentOfApprovedMinutesIsFlaggedInTheLog() throws {
        let box = try Sandbox()
        try box.copySample()
        _ = try box.run(["approve", "stay-safe", "2009-03-12", "--at", "2009-05-14"])
        _ = try box.run(["edit", "c36ykr0rjnzw", "JB to ask the British Transport Police for a named contact"])
        let log = try box.run(["log", "c36ykr0rjnzw"])
        #expect(log.stdout.contains("post-approval amendment (the minutes were approved at the meeting of 14 May 2009)"))
        let next = try box.run(["export", "minutes", "stay-safe", "--format", "txt"])
        #expect(next.stdout.contains("Amended after approval"))
    }
}
