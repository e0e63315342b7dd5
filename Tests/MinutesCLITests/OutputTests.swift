import Foundation
import Testing

@Suite("minutes: output formats")
struct OutputTests {
    /// The sample's lines with the event lines (after the header) in another order.
    static func shuffled(_ text: String, seed: UInt64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let header = lines.removeFirst()
        var state = seed
        func next() -> UInt64 {  // splitmix64: the same order on every machine
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for i in stride(from: lines.count - 1, to: 0, by: -1) {
            lines.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    @Test func jsonIsTheSameForTheSameLinesInAnotherOrder() throws {
        let box = try Sandbox()
        let sample = String(decoding: try Data(contentsOf: CLI.sampleJournal), as: UTF8.self)
        try box.write("a.journal", sample)
        try box.write("b.journal", Self.shuffled(sample, seed: 42))
        var reversed = sample.split(separator: "\n").map(String.init)
        let header = reversed.removeFirst()
        try box.write("c.journal", ([header] + reversed.reversed()).joined(separator: "\n") + "\n")
        #expect(box.bytes("a.journal") != box.bytes("b.journal"))

        for args in [["show", "--json"], ["todo", "--json"], ["show", "stay-safe/4", "--json"],
                     ["todo", "--as-of", "2009-05-14", "--json"], ["show", "--as-of", "2009-05-14", "--json"]] {
            let a = try box.run(args, file: "a.journal")
            let b = try box.run(args, file: "b.journal")
            let c = try box.run(args, file: "c.journal")
            #expect(a.status == 0 && b.status == 0 && c.status == 0, "\(a)\(b)\(c)")
            #expect(a.stdout.count > 100)
            #expect(a.stdout == b.stdout, "\(args): shuffled lines print different JSON")
            #expect(a.stdout == c.stdout, "\(args): reversed lines print different JSON")
            #expect(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) is NSObject)
        }
        // Keys are sorted.
        let todo = try box.run(["todo", "--json"], file: "a.journal").stdout
        let keys = todo.split(separator: "\n").prefix(while: { !$0.hasPrefix("  }") })
            .compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("\""), t.contains("\" : "), let end = t.dropFirst().firstIndex(of: "\"") else { return nil }
                return String(t[t.index(after: t.startIndex)..<end])
            }
        #expect(keys == keys.sorted() && keys.contains("carried"), "\(keys)")
    }

    @Test func checkReportsEveryProblemWithItsPlace() throws {
        let box = try Sandbox()
        var text = Fixture.journal
        text += "2009-05-15T09:10:00.000Z eeee00000001 note project=be-safe/2 txt=\"oops\"\n"   // line 13
        text += "not an event at all\n"                                                       // line 14
        text += "2009-05-15T09:11:00.000Z eeee00000002 todo project=be-safe/9 text=\"x\"\n"   // line 15
        text += "2009-05-15T09:12:00.000Z eeee00000003 todo project=be-safe/1 owner=QQ text=\"y\"\n"  // line 16
        try box.write("bad.journal", text)
        let before = box.bytes("bad.journal")
        let r = try box.run(["check"], file: "bad.journal")
        #expect(r.status == 1, "\(r)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headlines = lines.filter { $0.hasPrefix("bad.journal:") && $0.contains(": error: ") || $0.contains(": warning: ") }
        #expect(headlines.count == 4, "\(r)")
        #expect(lines.contains("bad.journal:13:62: error: unknown field 'txt'"), "\(r)")
        #expect(lines.contains { $0.hasPrefix("bad.journal:14:1: error: expected a timestamp") }, "\(r)")
        #expect(lines.contains { $0.hasPrefix("bad.journal:15:") && $0.contains(": error: unknown project be-safe/9") }, "\(r)")
        #expect(lines.contains { $0.hasPrefix("bad.journal:16:") && $0.contains(": warning: unknown initials QQ") }, "\(r)")
        // Each headline is followed by the line itself and a caret under the column.
        let i = try #require(lines.firstIndex(of: "bad.journal:13:62: error: unknown field 'txt'"))
        #expect(lines[i + 1] == "    2009-05-15T09:10:00.000Z eeee00000001 note project=be-safe/2 txt=\"oops\"")
        #expect(lines[i + 2] == "    " + String(repeating: " ", count: 61) + "^")
        #expect(lines.contains { $0.hasPrefix("    hint: ") })
        #expect(lines.last(where: { !$0.isEmpty }) == "bad.journal: 3 errors, 1 warning")
        #expect(box.bytes("bad.journal") == before)

        let clean = try box.run(["check"], file: nil, env: ["MINUTES_FILE": CLI.sampleJournal.path])
        #expect(clean.status == 0 && clean.stdout.contains("no problems"), "\(clean)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let box = try Sandbox()
        let r = try box.runRaw(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.count > 500)
        for command in ["init", "add", "person", "meeting", "done", "drop", "reassign", "rate", "show", "todo", "log", "check", "demo", "file"] {
            #expect(r.stdout.contains(command), "\(shell) script lacks \(command)")
        }
    }

    /// Every command has help, and every option and argument in it has a description.
    @Test func helpOnEveryCommandOptionAndArgument() throws {
        let box = try Sandbox()
        let r = try box.runRaw(["--experimental-dump-help"])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func visit(_ command: [String: Any], path: [String]) {
            let name = command["commandName"] as? String ?? "?"
            let here = path + [name]
            if name != "help" { paths.append(here) }
            #expect(!(command["abstract"] as? String ?? "").isEmpty, "\(here) has no abstract")
            // ArgumentParser's own `help` command is not ours to document.
            for arg in command["arguments"] as? [[String: Any]] ?? [] where name != "help" && arg["shouldDisplay"] as? Bool ?? true {
                let label = (arg["valueName"] as? String) ?? "?"
                #expect(!(arg["abstract"] as? String ?? "").isEmpty, "\(here) \(label) has no help")
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { visit(sub, path: here) }
        }
        visit(try #require(doc["command"] as? [String: Any]), path: [])
        #expect(paths.count >= 18, "\(paths)")
        for path in paths {
            let help = try box.runRaw(Array(path.dropFirst()) + ["--help"])
            #expect(help.status == 0, "\(path) --help: \(help)")
            #expect(help.stdout.contains("USAGE: " + path.joined(separator: " ")), "\(path): \(help)")
            // Every command that works on a journal takes -f (demo makes its own).
            if path.count > 1 && path != ["minutes", "add"] && path != ["minutes", "export"] && path != ["minutes", "demo"] {
                #expect(help.stdout.contains("-f, --file <file>"), "\(path) takes -f")
            }
        }
    }

    @Test func journalTextCannotDriveTheTerminal() throws {
        let box = try Sandbox()
        let evil = "2009-05-15T09:10:00.000Z eeee00000001 note project=be-safe/2 text=\"red \\u{1B}[31malert\\u{7} \\u{202E}gnp.exe \\u{9B}2J\"\n"
            + "2009-05-15T09:11:00.000Z eeee00000002 todo project=be-safe/2 owner=KP text=\"two\\nlines\"\n"
        try box.write("minutes.journal", Fixture.journal + evil)
        for args in [["show"], ["todo"], ["log", "be-safe/2"], ["log", "eeee00000001"], ["check"], ["show", "--json"], ["todo", "--json"]] {
            let r = try box.run(args)
            #expect(r.status == 0, "\(args): \(r)")
            let scalars = (r.stdout + r.stderr).unicodeScalars
            let bad = scalars.filter { s in
                let v = s.value
                return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            }
            #expect(bad.isEmpty, "\(args) printed raw control characters: \(bad.map { String($0.value, radix: 16) })")
        }
        let show = try box.run(["show"]).stdout
        #expect(show.contains("red \\u{1B}[31malert\\u{7} \\u{202E}gnp.exe \\u{9B}2J"), "\(show)")
        #expect(show.contains("KP to two\\nlines"))
        let json = try box.run(["show", "--json"]).stdout
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(String(describing: doc).contains("gnp.exe"))
        #expect(json.contains("\\u202E"))
    }
}
