import Foundation
import Testing

@Suite("minutes: the whole round, end to end")
struct HappyPathTests {
    /// Runs a command that must succeed, returning its stdout.
    @discardableResult
    func ok(_ box: Sandbox, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try box.run(args)
        #expect(r.status == 0, "minutes \(args.joined(separator: " ")) → \(r)", sourceLocation: sourceLocation)
        return r
    }

    @Test func fullRound() throws {
        let box = try Sandbox()
        #expect(try ok(box, ["init"]).stdout.contains("Created"))
        let created = try #require(box.bytes())
        #expect(String(decoding: created, as: UTF8.self) == "minutes-journal 2\n")

        try ok(box, ["add", "person", "KP", "Kim Parker", "--org", "Police"])
        try ok(box, ["add", "person", "dd", "Dee Dee"])
        try ok(box, ["add", "group", "be-safe", "Be Safe Working Group", "--lead", "KP"])
        #expect(try ok(box, ["add", "project", "be-safe", "Headline one"]).stdout == "be-safe/1\n")
        #expect(try ok(box, ["add", "project", "be-safe", "A directory of local services"]).stdout == "be-safe/2\n")

        let opened = try ok(box, ["add", "meeting", "be-safe", "2009-05-15", "--present", "kp,DD", "--chair", "KP", "--next", "2009-06-20"])
        #expect(opened.stdout.contains("Opened the meeting of be-safe on 15 May 2009"))
        let continued = try ok(box, ["add", "meeting", "be-safe", "2009-05-15", "--apologies", "PCSOs"])
        #expect(continued.stdout.contains("Continued"))

        try ok(box, ["add", "action", "be-safe/2", "Build a directory of practitioners"])
        try ok(box, ["add", "note", "be-safe/2", "Template agreed by all partners"])
        // Without --meeting the note is filed under the latest meeting, written out explicitly.
        let journalText = String(decoding: try #require(box.bytes()), as: UTF8.self)
        // The project is named by its label and the id of its line (format 2).
        #expect(journalText.range(of: #"note project=be-safe/2@[0-9a-z]{12} meeting=2009-05-15 text="Template agreed by all partners""#,
                                  options: .regularExpression) != nil)

        let todo = try ok(box, ["add", "todo", "be-safe/2", "KP to adjust and e-mail organisation"])
        let todoID = String(todo.stdout.prefix(12))
        #expect(todoID.count == 12)
        #expect(todo.stdout.contains("KP"))
        #expect(todo.stdout.contains("adjust and e-mail organisation"))
        #expect(todo.stderr.isEmpty, "\(todo)")

        let second = try ok(box, ["add", "todo", "be-safe/2", "DD to phone the council"])
        let secondID = String(second.stdout.prefix(12))
        let third = try ok(box, ["add", "todo", "be-safe/1", "KP to book a hall"])
        let thirdID = String(third.stdout.prefix(12))

        // A second meeting: the open follow-ups are now carried once.
        try ok(box, ["add", "meeting", "be-safe", "2009-06-20"])
        try ok(box, ["add", "note", "be-safe/2", "First copy of the list circulated", "--meeting", "2009-06-20"])

        // Ids by unique prefix (8 characters are unique here with near certainty).
        let done = try ok(box, ["done", String(todoID.prefix(8)), "List sent to every organisation", "--meeting", "2009-06-20"])
        #expect(done.stdout.contains(todoID))
        try ok(box, ["drop", thirdID, "The school has a hall"])
        try ok(box, ["reassign", String(secondID.prefix(6)), "KP,DD"])
        let rated = try ok(box, ["rate", "be-safe/2", "good", "Directory nearly ready"])
        #expect(rated.stdout.contains("20 June 2009"))

        let show = try ok(box, ["show"]).stdout
        for expected in ["Be Safe Working Group", "be-safe/2", "Actions required", "Build a directory of practitioners",
                         "Progress", "15 May 2009", "Template agreed by all partners", "20 June 2009",
                         "To do by next meeting", "KP and DD to phone the council", secondID, "↻1", "[Good]"] {
            #expect(show.contains(expected), "show lacks \(expected):\n\(show)")
        }
        #expect(!show.contains("adjust and e-mail"), "a done follow-up is not to do")
        #expect(!show.contains("book a hall"), "a dropped follow-up is not to do")

        let oneProject = try ok(box, ["show", "be-safe/1"]).stdout
        #expect(oneProject.contains("be-safe/1") && !oneProject.contains("be-safe/2"))

        let json = try ok(box, ["todo", "--json"]).stdout
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        let entry = try #require(list.first)
        #expect(entry["id"] as? String == secondID)
        #expect(entry["group"] as? String == "be-safe")
        #expect(entry["project"] as? String == "be-safe/2")
        #expect(entry["owners"] as? [String] == ["KP", "DD"])
        #expect(entry["text"] as? String == "phone the council")
        #expect(entry["raised"] as? String == "2009-05-15")
        #expect(entry["state"] as? String == "open")
        #expect(entry["carried"] as? Int == 1)

        let todoText = try ok(box, ["todo", "--owner", "DD"]).stdout
        #expect(todoText.contains(secondID) && todoText.contains("↻1"))
        #expect(try ok(box, ["todo", "--min-carried", "2"]).stdout.contains("No outstanding follow-ups"))

        let projectLog = try ok(box, ["log", "be-safe/2"]).stdout
        for expected in ["project added", "action", "note", "follow-up", "done \(todoID)", "reassigned \(secondID) to KP and DD", "rated Good"] {
            #expect(projectLog.contains(expected), "log lacks \(expected):\n\(projectLog)")
        }
        #expect(!projectLog.contains("book a hall"), "be-safe/1's follow-up is not in be-safe/2's log")

        let itemLog = try ok(box, ["log", String(todoID.prefix(5))]).stdout
        #expect(itemLog.contains("raised at the meeting of 15 May 2009"))
        #expect(itemLog.contains("carried into the meeting of 20 June 2009"))
        #expect(itemLog.contains("done: List sent to every organisation"))

        // Minutes of 2009 typed up today: back-filling is normal use, nothing to report.
        let check = try ok(box, ["check"])
        #expect(check.stdout.contains("minutes.journal: no problems"), "\(check)")

        let full = try ok(box, ["show", "--json"]).stdout
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(full.utf8)) as? [String: Any])
        let people = try #require(doc["people"] as? [[String: Any]])
        #expect(people.map { $0["initials"] as? String } == ["DD", "KP"])
        let groups = try #require(doc["groups"] as? [[String: Any]])
        let projects = try #require(groups.first?["projects"] as? [[String: Any]])
        #expect(projects.count == 2)
        let followUps = try #require(projects.last?["followUps"] as? [[String: Any]])
        #expect(followUps.map { $0["state"] as? String } == ["done", "open"])
        #expect(followUps.first?["outcome"] as? String == "List sent to every organisation")
        #expect(!full.contains("\"line\""), "no file positions in JSON")
    }

    @Test func warningsForUnknownInitialsAndUnownedFollowUps() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let unknown = try box.run(["add", "todo", "be-safe/1", "ZZ to ring the school"])
        #expect(unknown.status == 0, "\(unknown)")
        #expect(unknown.stderr.contains("warning") && unknown.stderr.contains("ZZ"), "\(unknown)")
        #expect(unknown.stdout.contains("ZZ"))

        let unowned = try box.run(["add", "todo", "be-safe/1", "Minutes to be circulated"])
        #expect(unowned.status == 0, "\(unowned)")
        #expect(unowned.stderr.contains("warning") && unowned.stderr.contains("no owner"), "\(unowned)")

        let meeting = try box.run(["add", "meeting", "be-safe", "2009-05-15", "--present", "QQ"])
        #expect(meeting.status == 0 && meeting.stderr.contains("unknown initials QQ"), "\(meeting)")

        let check = try box.run(["check"])
        #expect(check.status == 0, "warnings alone do not fail check: \(check)")
        #expect(check.stdout.contains(": warning: unknown initials ZZ"))
    }

    @Test func todayAndYesterdayAreDates() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        f.dateFormat = "yyyy-MM-dd"
        let today = f.string(from: Date())
        let yesterday = f.string(from: Date().addingTimeInterval(-86_400))
        #expect(try box.run(["add", "meeting", "be-safe", "yesterday"]).status == 0)
        #expect(try box.run(["add", "meeting", "be-safe", "today"]).status == 0)
        let note = try box.run(["add", "note", "be-safe/1", "Reported yesterday", "--meeting", "yesterday"])
        #expect(note.status == 0, "\(note)")
        let journal = String(decoding: try #require(box.bytes()), as: UTF8.self)
        #expect(journal.contains("date=\(yesterday)") && journal.contains("date=\(today)"))
        #expect(journal.contains("meeting=\(yesterday) text=\"Reported yesterday\""))
    }

    @Test func asOfShowsTheMinutesAsTheyStood() throws {
        let box = try Sandbox()
        try box.copySample()
        let before = try box.run(["todo", "--as-of", "2009-05-14", "--json"])
        #expect(before.status == 0, "\(before)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]])
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { ($0["raised"] as? String ?? "9") <= "2009-05-14" })
        let show = try box.run(["show", "stay-safe/1", "--as-of", "2009-05-14"])
        #expect(show.stdout.contains("as of 14 May 2009"))
        #expect(show.stdout.contains("Hall booked at Oak Lane"), "\(show)")
        #expect(!show.stdout.contains("José Álvarez"), "a note of 25 June is not in the minutes of 14 May: \(show)")
    }

    @Test func fileOptionBeforeTheCommandAndEnvironment() throws {
        let box = try Sandbox()
        try box.copySample(as: "elsewhere.journal")
        let hoisted = try box.runRaw(["-f", "elsewhere.journal", "todo", "--owner", "ZN"])
        #expect(hoisted.status == 0 && hoisted.stdout.contains("tszttemercef"), "\(hoisted)")

        let viaEnv = try box.run(["todo", "--owner", "ZN"], file: nil, env: ["MINUTES_FILE": "elsewhere.journal"])
        #expect(viaEnv.status == 0 && viaEnv.stdout.contains("tszttemercef"), "\(viaEnv)")

        let created = try box.run(["init"], file: nil, env: ["MINUTES_FILE": "from-env.journal"])
        #expect(created.status == 0, "\(created)")
        #expect(box.bytes("from-env.journal") != nil)
        #expect(box.bytes("minutes.journal") == nil)

        // -f wins over the environment.
        let explicit = try box.run(["todo", "--owner", "ZN"], file: "elsewhere.journal", env: ["MINUTES_FILE": "from-env.journal"])
        #expect(explicit.stdout.contains("tszttemercef"))

        // Without either, minutes.journal in the current folder.
        let missing = try box.run(["show"], file: nil)
        #expect(missing.status == 1 && missing.stderr.contains("minutes.journal: no such journal"), "\(missing)")
    }

    @Test func demoWorksOnAScratchCopy() throws {
        let box = try Sandbox()
        let sampleBefore = try Data(contentsOf: CLI.sampleJournal)
        let r = try box.run(["demo"], file: nil)
        #expect(r.status == 0, "\(r)")
        let firstLine = try #require(r.stdout.split(separator: "\n").first)
        #expect(firstLine.hasPrefix("Demo journal: "))
        let path = String(firstLine.dropFirst("Demo journal: ".count))
        #expect(path.hasPrefix(box.dir.appendingPathComponent("cache/minutes-demo").path), "\(path)")
        #expect(FileManager.default.contents(atPath: path) == sampleBefore)
        #expect(r.stdout.contains("Stay Safe Working Group"))
        #expect(try Data(contentsOf: CLI.sampleJournal) == sampleBefore)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o077 == 0, "the copy is private")
    }
}
