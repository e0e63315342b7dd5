import Foundation
import Testing

/// Three people's clones of one journal, each adding a project offline, synced through a bare
/// repository with real git in every order: all three projects survive with their own entries,
/// numbered the same on every clone, and nothing becomes read-only.
@Suite("Merged clones: numbers are labels, ids are identity", .serialized)
struct MergedClonesTests {
    static let gitEnv = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    func git(_ args: [String], in folder: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = folder
        p.environment = ProcessInfo.processInfo.environment.merging(Self.gitEnv) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "git \(args.joined(separator: " "))")
    }

    @Test(arguments: [["a", "b", "c"], ["c", "a", "b"], ["b", "c", "a"]])
    func threeClonesEachAddingAProjectOfflineAgreeAfterSyncingInAnyOrder(order: [String]) throws {
        let s = try Sandbox()
        let bare = s.dir.appendingPathComponent("shared.git")
        try git(["-c", "init.defaultBranch=main", "init", "--quiet", "--bare", bare.path], in: s.dir)
        func clone(_ name: String) throws -> URL {
            let url = s.dir.appendingPathComponent(name)
            try git(["clone", "--quiet", bare.path, url.path], in: s.dir)
            try git(["config", "user.name", name], in: url)
            try git(["config", "user.email", "\(name)@example.org"], in: url)
            return url
        }
        func minutes(_ clone: String, _ args: [String]) throws -> RunResult {
            try s.run(args, file: "\(clone)/minutes.journal", env: Self.gitEnv)
        }
        let a = try clone("a")
        _ = a
        for args in [["init"], ["add", "group", "be-safe", "Be Safe Working Group"],
                     ["add", "project", "be-safe", "Training for all staff"],
                     ["add", "meeting", "be-safe", "2009-05-15"], ["sync"]] {
            let r = try minutes("a", args)
            try #require(r.status == 0, "\(args): \(r)")
        }
        _ = try clone("b")
        _ = try clone("c")
        // Offline, each adds project 2 with a note and a follow-up of its own.
        for name in ["a", "b", "c"] {
            let added = try minutes(name, ["add", "project", "be-safe", "The \(name) project"])
            #expect(added.stdout.hasPrefix("be-safe/2"), "\(added)")
            #expect(try minutes(name, ["add", "note", "be-safe/2", "Note typed on \(name)"]).status == 0)
            #expect(try minutes(name, ["add", "todo", "be-safe/2", "KP to follow up on \(name)"]).status == 0)
        }
        for name in order + order {
            let r = try minutes(name, ["sync"])
            #expect(r.status == 0, "sync \(name): \(r)")
        }
        var shows: [String] = []
        for name in ["a", "b", "c"] {
            let check = try minutes(name, ["check"])
            #expect(check.status == 0 && !check.stderr.contains("error"), "\(name): \(check)")
            let show = try minutes(name, ["show", "--json"])
            try #require(show.status == 0)
            shows.append(show.stdout)
        }
        #expect(shows[0] == shows[1] && shows[1] == shows[2])
        // Every project keeps its own entries, whatever number it is shown under.
        let text = try minutes("a", ["show", "be-safe"]).stdout
        for name in ["a", "b", "c"] {
            let headline = try #require(text.range(of: "The \(name) project"))
            let rest = text[headline.upperBound...]
            let next = rest.range(of: "be-safe/")?.lowerBound ?? rest.endIndex
            #expect(rest[..<next].contains("Note typed on \(name)"), "\(name)'s note under its own project")
            #expect(rest[..<next].contains("follow up on \(name)"))
        }
        for n in 2...4 { #expect(text.contains("be-safe/\(n)")) }
    }
}
