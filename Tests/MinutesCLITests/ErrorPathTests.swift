import Foundation
import Testing

/// One rejected command: its arguments, the exit status, and what the one-line error must say.
struct Rejection: CustomTestStringConvertible, Sendable {
    let args: [String]
    let status: Int32
    let says: String

    init(_ args: [String], _ status: Int32, _ says: String) {
        self.args = args
        self.status = status
        self.says = says
    }

    var testDescription: String { "minutes " + args.joined(separator: " ") }
}

@Suite("minutes: every rejected command leaves the journal as it was")
struct ErrorPathTests {
    static let rejections: [Rejection] = [
        // Dates.
        Rejection(["add", "meeting", "be-safe", "15/13/2009"], 1, "<date>: '15/13/2009' is not a date"),
        Rejection(["add", "meeting", "be-safe", "2009-02-30"], 1, "<date>: 2009-02-30 is not a real date"),
        Rejection(["add", "meeting", "be-safe", "2009-05-20", "--next", "2009-13-01"], 1, "--next: 2009-13-01 is not a real date"),
        Rejection(["add", "note", "be-safe/2", "text", "--meeting", "2009-02-30"], 1, "--meeting: 2009-02-30 is not a real date"),
        Rejection(["add", "note", "be-safe/2", "text", "--meeting", "2009-05-16"], 1,
                  "--meeting: no meeting of be-safe on 2009-05-16; open it with: minutes add meeting be-safe 2009-05-16"),
        Rejection(["done", "aaaa00000001", "--meeting", "2009-05-16"], 1, "--meeting: no meeting of be-safe on 2009-05-16"),
        Rejection(["show", "--as-of", "someday"], 1, "--as-of: 'someday' is not a date"),
        // Unknown things.
        Rejection(["add", "project", "no-such", "Headline"], 1, "<group>: unknown group 'no-such'"),
        Rejection(["add", "meeting", "no-such", "2009-05-20"], 1, "<group>: unknown group 'no-such'"),
        Rejection(["add", "action", "be-safe/9", "text"], 1, "<project>: unknown project be-safe/9"),
        Rejection(["add", "note", "other/1", "text"], 1, "<project>: unknown group 'other'"),
        Rejection(["add", "todo", "be-safe", "KP to x"], 1, "<project>: 'be-safe' is not a project reference"),
        Rejection(["rate", "be-safe/7", "good"], 1, "<project>: unknown project be-safe/7"),
        Rejection(["done", "zzzz"], 1, "<id>: no follow-up has an id starting 'zzzz'"),
        Rejection(["drop", "zzzz", "reason"], 1, "<id>: no follow-up has an id starting 'zzzz'"),
        Rejection(["reassign", "zzzz", "KP"], 1, "<id>: no follow-up has an id starting 'zzzz'"),
        Rejection(["done", "not-an-id!"], 1, "<id>: 'not-an-id!' is not an id"),
        Rejection(["show", "nobody"], 1, "unknown group 'nobody'"),
        Rejection(["todo", "--project", "be-safe/5"], 1, "--project: unknown project be-safe/5"),
        Rejection(["log", "be-safe/5"], 1, "<ref>: unknown project be-safe/5"),
        Rejection(["log", "zzzz"], 1, "<ref>: no entry has an id starting 'zzzz'"),
        // Ambiguous prefixes list their candidates.
        Rejection(["done", "aaaa"], 1, "id prefix 'aaaa' is ambiguous, it starts 2 ids: aaaa00000001"),
        Rejection(["log", "aaa"], 1, "id prefix 'aaa' is ambiguous, it starts 3 ids"),
        // Not follow-ups, or already closed.
        Rejection(["done", "aaab00000003"], 1, "aaab00000003 is a progress note, not a follow-up"),
        Rejection(["done", "cccc"], 1, "follow-up cccc00000004 is already done"),
        // Empty and blank text.
        Rejection(["add", "note", "be-safe/2", ""], 1, "<text> is empty"),
        Rejection(["add", "note", "be-safe/2", "   \t "], 1, "<text> is empty"),
        Rejection(["add", "action", "be-safe/2", " "], 1, "<text> is empty"),
        Rejection(["add", "todo", "be-safe/2", "\n"], 1, "<text> is empty"),
        Rejection(["add", "project", "be-safe", "  "], 1, "<headline> is empty"),
        Rejection(["add", "person", "QQ", " "], 1, "<name> is empty"),
        Rejection(["drop", "aaaa00000001", "  "], 1, "<reason> is empty"),
        Rejection(["done", "aaaa00000001", " "], 1, "<outcome> is empty"),
        Rejection(["reassign", "aaaa00000001", " , "], 1, "<owners> is empty"),
        // The directory.
        Rejection(["add", "person", "K1", "Kim"], 1, "<initials>: 'K1' is not initials"),
        Rejection(["add", "person", "K", "Kim"], 1, "<initials>: 'K' is not initials"),
        Rejection(["add", "person", "KPQRS", "Kim"], 1, "<initials>: 'KPQRS' is not initials"),
        Rejection(["add", "person", "kp", "Kim Other"], 1, "<initials>: KP is already Kim Parker"),
        Rejection(["add", "group", "be-safe", "Again"], 1, "<slug>: group be-safe already exists"),
        Rejection(["add", "group", "Be Safe", "Name"], 1, "<slug>: 'Be Safe' is not a group name"),
        Rejection(["add", "group", "new", "Name", "--lead", "K9"], 1, "--lead: 'K9' is not initials"),
        // Bad usage: exit 2, with a pointer to the right help.
        Rejection(["add", "person", "KP"], 2, "Missing expected argument '<name>' (see: minutes add person --help)"),
        Rejection(["add", "person", "QQ", "Name", "extra"], 2, "Unexpected argument 'extra'"),
        Rejection(["add", "frobnicate"], 2, "(see: minutes add --help)"),
        Rejection(["show", "--colour"], 2, "Unknown option '--colour'"),
        Rejection(["rate", "be-safe/2", "splendid"], 2, "'splendid' is invalid for '<rating>'"),
        Rejection(["todo", "--min-carried", "lots"], 2, "'lots' is invalid for '--min-carried <n>'"),
        Rejection(["todo", "--min-carried=-1"], 2, "--min-carried must be 0 or more"),
        Rejection(["todo", "--group", "be-safe", "--project", "other/1"], 1, "unknown group 'other'"),
    ]

    @Test(arguments: rejections)
    func rejected(_ r: Rejection) throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let before = try #require(box.bytes())
        let result = try box.run(r.args)
        #expect(result.status == r.status, "\(result)")
        #expect(result.stderrLines.count == 1, "one line on stderr: \(result)")
        #expect(result.stderr.hasPrefix("minutes: error: "), "\(result)")
        #expect(result.stderr.contains(r.says), "\(result)")
        #expect(box.bytes() == before, "the journal is unchanged")
        if r.status != 0 { #expect(result.stdout.isEmpty, "\(result)") }
    }

    @Test func contradictoryOptionsAreBadUsage() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal
            + "2009-05-16T09:00:00.000Z ffff00000001 group slug=other name=\"Other Group\"\n"
            + "2009-05-16T09:01:00.000Z ffff00000002 project group=other number=1 headline=\"Elsewhere\"\n")
        let r = try box.run(["todo", "--group", "be-safe", "--project", "other/1"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "minutes: error: --project other/1 is not in --group be-safe\n", "\(r)")
    }

    @Test func initRefusesAnExistingFile() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let before = try #require(box.bytes())
        let r = try box.run(["init"])
        #expect(r.status == 1)
        #expect(r.stderr == "minutes: error: minutes.journal: already exists; refusing to overwrite it\n", "\(r)")
        #expect(box.bytes() == before)

        // Not even an empty file is overwritten.
        try box.write("empty.journal", "")
        #expect(try box.run(["init"], file: "empty.journal").status == 1)
        #expect(box.bytes("empty.journal") == Data())
    }

    @Test func aJournalThatIsADirectory() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("folder.journal"), withIntermediateDirectories: false)
        for args in [["show"], ["add", "person", "KP", "Kim"], ["check"], ["todo"], ["init"]] {
            let r = try box.run(args, file: "folder.journal")
            #expect(r.status == 1, "\(args): \(r)")
            #expect(r.stderrLines.count == 1)
            #expect(r.stderr.contains("folder.journal"), "\(r)")
        }
        let r = try box.run(["show"], file: "folder.journal")
        #expect(r.stderr == "minutes: error: folder.journal: is a directory, not a journal\n")
    }

    @Test func anUnreadableJournal() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal)
        let before = try #require(box.bytes())
        chmod(box.journal.path, 0o000)
        defer { chmod(box.journal.path, 0o600) }
        // `add person KP` is refused either way: for want of permission, or (as root, who
        // can read anything) because KP exists. Either way nothing is written.
        let r = try box.run(["add", "person", "KP", "Kim Again"])
        let show = try box.run(["show"])
        chmod(box.journal.path, 0o600)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1, "\(r)")
        if getuid() != 0 {
            #expect(r.stderr.contains("minutes.journal: permission denied"), "\(r)")
            #expect(show.status == 1 && show.stderr.contains("permission denied"), "\(show)")
        }
        #expect(box.bytes() == before)
    }

    @Test func aMissingJournal() throws {
        let box = try Sandbox()
        let r = try box.run(["add", "person", "KP", "Kim"], file: "nowhere.journal")
        #expect(r.status == 1)
        #expect(r.stderr == "minutes: error: nowhere.journal: no such journal (create one with: minutes init -f nowhere.journal)\n")
        #expect(box.bytes("nowhere.journal") == nil)
    }

    @Test func aJournalWithErrorsIsNotWrittenTo() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal + "2009-05-15T09:09:00.000Z eeee00000001 note project=be-safe/2 txt=oops\n")
        let before = try #require(box.bytes())
        let r = try box.run(["add", "person", "QQ", "Quinn"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("minutes.journal:13:"), "\(r)")
        #expect(r.stderr.contains("minutes check"), "\(r)")
        #expect(box.bytes() == before)
        // Reading still works, with a warning.
        let show = try box.run(["show"])
        #expect(show.status == 0 && show.stderr.contains("warning"), "\(show)")
    }

    @Test func aTornLastLineIsNotAppendedTo() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Fixture.journal + "2009-05-15T09:09:00.000Z eeee00000001 note proj")
        let before = try #require(box.bytes())
        let r = try box.run(["add", "person", "QQ", "Quinn"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("minutes.journal:13:1: the last line is incomplete"), "\(r)")
        #expect(box.bytes() == before)
        let check = try box.run(["check"])
        #expect(check.status == 0, "a torn line is a warning: \(check)")
        #expect(check.stdout.contains("minutes.journal:13:1: warning: incomplete last line"), "\(check)")
    }
}
