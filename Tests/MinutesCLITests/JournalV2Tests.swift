import Foundation
import Testing

/// Journal v2 as a user meets it on the command line: typing up past meetings, the minutes of
/// a meeting that do not change with the day they are exported, corrections, clocks, owners
/// by name, and `upgrade`.
@Suite("Journal v2 from the command line", .serialized)
struct JournalV2Tests {
    /// A group set up today (directory, project, an agreed action), then three meetings of
    /// 2009 typed up with `--meeting`, the last one closing a follow-up and correcting a note.
    static func backFilled(_ s: Sandbox) throws -> (todo: String, note: String, stray: String) {
        func must(_ args: [String]) throws -> String {
            let r = try s.run(args)
            #expect(r.status == 0, "\(args): \(r)")
            return r.stdout
        }
        func id(_ out: String) -> String { String(out.prefix { $0 != " " }) }
        _ = try must(["init"])
        _ = try must(["add", "person", "KP", "Kim Parker", "--org", "Police"])
        _ = try must(["add", "person", "SD", "Sheelagh Davis"])
        _ = try must(["add", "group", "be-safe", "Be Safe Working Group", "--lead", "KP"])
        _ = try must(["add", "project", "be-safe", "A directory of local services"])
        _ = try must(["add", "action", "be-safe/1", "Keep the directory up to date each term"])
        _ = try must(["add", "meeting", "be-safe", "2009-05-15", "--present", "KP,SD"])
        _ = try must(["add", "note", "be-safe/1", "Template agreed by every partner", "--meeting", "2009-05-15"])
        let todo = id(try must(["add", "todo", "be-safe/1", "SD to send the template to each organisation", "--meeting", "2009-05-15"]))
        _ = try must(["add", "meeting", "be-safe", "2009-06-26", "--present", "KP", "--apologies", "SD"])
        let note = id(try must(["add", "note", "be-safe/1", "Half the replies are in; a reminder gose out", "--meeting", "2009-06-26"]))
        let stray = id(try must(["add", "note", "be-safe/1", "Typed in the wrong project", "--meeting", "2009-06-26"]))
        return (todo, note, stray)
    }

    func export(_ s: Sandbox, _ meeting: String, _ format: String = "txt") throws -> String {
        let r = try s.run(["export", "minutes", "be-safe", "--meeting", meeting, "--format", format])
        #expect(r.status == 0, "\(r)")
        return r.stdout
    }

    @Test func aGroupSetUpTodayWithBackFilledMeetingsExportsEachMeetingWithItsActionsAndChecksClean() throws {
        let s = try Sandbox()
        let ids = try Self.backFilled(s)
        try #require(try s.run(["add", "meeting", "be-safe", "2009-09-17", "--present", "KP,SD"]).status == 0)
        try #require(try s.run(["done", ids.todo, "Sent to all forty organisations", "--meeting", "2009-09-17"]).status == 0)
        let may = try export(s, "2009-05-15")
        #expect(may.contains("Keep the directory up to date each term"))
        #expect(may.contains("send the template to each organisation"))
        let june = try export(s, "2009-06-26")
        #expect(june.contains("Keep the directory up to date each term"))
        #expect(june.contains("carried once"))
        #expect(!june.contains("Sent to all forty organisations"))
        let september = try export(s, "2009-09-17")
        #expect(september.contains("done: Sent to all"))
        let check = try s.run(["check"])
        #expect(check.status == 0 && check.stdout.contains("no problems") && check.stderr.isEmpty, "\(check)")
    }

    @Test func theMinutesOfAMeetingExportedLaterAreTheSameUnlessCorrected() throws {
        let s = try Sandbox()
        let ids = try Self.backFilled(s)
        let onTheDay = try export(s, "2009-06-26", "md")
        // The September meeting: a follow-up of June done, new notes; none of it is June's.
        try #require(try s.run(["add", "meeting", "be-safe", "2009-09-17", "--present", "KP,SD"]).status == 0)
        try #require(try s.run(["done", ids.todo, "Sent to all", "--meeting", "2009-09-17"]).status == 0)
        try #require(try s.run(["add", "note", "be-safe/1", "The directory is online", "--meeting", "2009-09-17"]).status == 0)
        try #require(try s.run(["add", "project", "be-safe", "A project of the autumn"]).status == 0)
        #expect(try export(s, "2009-06-26", "md") == onTheDay)
        // Corrections of June entries, made in September, apply to June's minutes.
        try #require(try s.run(["edit", ids.note, "Half the replies are in; a reminder goes out"]).status == 0)
        try #require(try s.run(["retract", ids.stray, "--reason", "Wrong project"]).status == 0)
        let corrected = try export(s, "2009-06-26", "md")
        #expect(corrected.contains("a reminder goes out") && !corrected.contains("gose"))
        #expect(!corrected.contains("Typed in the wrong project"))
        #expect(!corrected.contains("autumn"))
        #expect(corrected.contains("send the template to each organisation"))
    }

    @Test func aLineStampedInTheFutureNeitherDragsNewEntriesAlongNorPassesUnnoticed() throws {
        let s = try Sandbox()
        _ = try Self.backFilled(s)
        var text = String(decoding: s.bytes()!, as: UTF8.self)
        text += "2099-01-01T00:00:00.000Z 000000000099 person initials=ZZ name=\"Zed Zebedee\"\n"
        try s.write("minutes.journal", text)
        let added = try s.run(["add", "note", "be-safe/1", "Written after the hand edit", "--meeting", "2009-06-26"])
        #expect(added.status == 0, "\(added)")
        let last = String(decoding: s.bytes()!, as: UTF8.self).split(separator: "\n").last!
        let year = Int(last.prefix(4))!
        let now = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(year == now, "stamped \(last.prefix(24))")
        let check = try s.run(["check"])
        let lineNumber = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(check.stdout.contains("minutes.journal:\(lineNumber):1: warning: this line is dated 2099-01-01T00:00:00.000Z, in the future"), "\(check)")
    }

    @Test func ownerFiltersAcceptAFullNameOrInitialsInAnyCase() throws {
        let s = try Sandbox()
        _ = try Self.backFilled(s)
        for owner in ["SD", "sd", "Sheelagh Davis", "sheelagh davis"] {
            let r = try s.run(["todo", "--owner", owner])
            #expect(r.status == 0 && r.stdout.contains("send the template to each organisation"), "\(owner): \(r)")
            let actions = try s.run(["export", "actions", "--owner", owner, "--format", "txt"])
            #expect(actions.stdout.contains("send the template to each organisation"), "\(owner): \(actions)")
        }
        #expect(!(try s.run(["todo", "--owner", "Kim Parker"]).stdout.contains("send the template")))
    }

    @Test func aRejectedCorrectionLeavesTheJournalByteForByte() throws {
        let s = try Sandbox()
        let ids = try Self.backFilled(s)
        let before = s.bytes()
        let unknown = try s.run(["retract", "zzzzzzzz"])
        #expect(unknown.status == 1 && unknown.stderrLines.count == 1, "\(unknown)")
        let blank = try s.run(["edit", ids.note, "   "])
        #expect(blank.status == 1 && blank.stderrLines.count == 1, "\(blank)")
        try #require(try s.run(["retract", ids.stray]).status == 0)
        let twice = s.bytes()
        let again = try s.run(["edit", ids.stray, "Back again"])
        #expect(again.status == 1 && again.stderr.contains("retracted"), "\(again)")
        #expect(s.bytes() == twice)
        #expect(before != twice)
    }

    @Test func upgradeMovesAFormatOneJournalToFormatTwoAndKeepsTheOldFile() throws {
        let s = try Sandbox()
        try s.write("minutes.journal", Fixture.journal)
        let note = try s.run(["add", "note", "be-safe/1", "Written in format 1"])
        #expect(note.status == 0)
        let v1 = String(decoding: s.bytes()!, as: UTF8.self)
        #expect(v1.hasPrefix("minutes-journal 1\n") && v1.contains("project=be-safe/1 meeting=2009-05-15 text=\"Written in format 1\""))
        let upgraded = try s.run(["upgrade"])
        #expect(upgraded.status == 0 && upgraded.stdout.contains("v1-backup"), "\(upgraded)")
        #expect(s.bytes("minutes.journal.v1-backup") == Data(v1.utf8))
        let v2 = String(decoding: s.bytes()!, as: UTF8.self)
        #expect(v2 == "minutes-journal 2\n" + v1.drop { $0 != "\n" }.dropFirst())
        try #require(try s.run(["add", "note", "be-safe/1", "Written in format 2"]).status == 0)
        #expect(String(decoding: s.bytes()!, as: UTF8.self).contains("project=be-safe/1@kkkk00000004 meeting=2009-05-15"))
        #expect(try s.run(["upgrade"]).stdout.contains("already uses journal format 2"))
        #expect(try s.run(["check"]).status == 0)
    }
}
