import Foundation
import Testing
@testable import MinutesCore

/// docs/journal-format.md is checked against the implementation: its example journals load,
/// its error examples give the errors they announce, its kinds table is the parser's, and
/// the worked example's stated results are what replay gives.
@Suite struct FormatDocTests {
    static let path = repositoryRoot.appendingPathComponent("docs/journal-format.md").path

    static func document() throws -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    struct Block {
        var info: String
        var text: String
        /// The line of the doc the block starts on, for messages.
        var line: Int
        /// The HTML comment right before the fence, if any (`<!-- worked-example -->`).
        var label: String?
    }

    /// Fenced code blocks of the document, with their info strings.
    static func blocks() throws -> [Block] {
        let lines = try document().components(separatedBy: "\n")
        var out: [Block] = []
        var i = 0
        while i < lines.count {
            if lines[i].hasPrefix("```") {
                let info = String(lines[i].dropFirst(3)).trimmingCharacters(in: .whitespaces)
                let start = i
                var body: [String] = []
                i += 1
                while i < lines.count, !lines[i].hasPrefix("```") {
                    body.append(lines[i])
                    i += 1
                }
                let label = start > 0 ? comment(lines[start - 1]) : nil
                out.append(Block(info: info, text: body.map { $0 + "\n" }.joined(), line: start + 1, label: label))
            }
            i += 1
        }
        return out
    }

    static func comment(_ line: String) -> String? {
        guard line.hasPrefix("<!--"), line.hasSuffix("-->") else { return nil }
        return line.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
    }

    @Test func everyJournalBlockInTheFormatDocLoadsWithoutErrors() throws {
        let journals = try Self.blocks().filter { $0.info == "journal" }
        #expect(journals.count >= 2)
        for b in journals {
            let j = JournalLoader.load(text: b.text)
            #expect(j.diagnostics.isEmpty, "block at line \(b.line): \(describe(j.diagnostics))")
            #expect(j.state.eventCount > 0)
        }
    }

    @Test func everyJournalErrorBlockGivesExactlyTheErrorsItAnnounces() throws {
        let bad = try Self.blocks().filter { $0.info == "journal-error" }
        #expect(bad.count >= 2)
        for b in bad {
            let j = JournalLoader.load(text: b.text)
            #expect(j.hasErrors, "block at line \(b.line) gave no error")
            // "# expect: LINE:COL message"
            let expected = b.text.components(separatedBy: "\n").compactMap { line -> (Int, Int, String)? in
                guard let r = line.range(of: "# expect: ") else { return nil }
                let rest = line[r.upperBound...]
                let place = rest.prefix { !$0.isWhitespace }.split(separator: ":")
                guard place.count == 2, let l = Int(place[0]), let c = Int(place[1]) else { return nil }
                return (l, c, rest.drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespaces))
            }
            #expect(!expected.isEmpty, "block at line \(b.line) announces no error")
            let errors = j.diagnostics.errors
            #expect(errors.count == expected.count, "block at line \(b.line): \(describe(j.diagnostics))")
            for (l, c, message) in expected {
                #expect(errors.contains { $0.line == l && $0.column == c && $0.message.contains(message) },
                        "block at line \(b.line): no error \(l):\(c) \(message) in\n\(describe(errors))")
            }
        }
    }

    /// The kinds table: kind → (required, optional, repeatable, written order).
    static func kindsTable() throws -> [String: [[String]]] {
        let lines = try document().components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "<!-- kinds-table -->") else { return [:] }
        var table: [String: [[String]]] = [:]
        for line in lines[(start + 3)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            let names = cells.map { cell in cell.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) } }
            guard let kind = names.first?.first else { continue }
            table[kind] = Array(names.dropFirst())
        }
        return table
    }

    @Test func theKindsTableInTheFormatDocIsTheKindsSpec() throws {
        let table = try Self.kindsTable()
        #expect(Set(table.keys) == Set(EventKind.allCases.map(\.rawValue)))
        for kind in EventKind.allCases {
            guard let row = table[kind.rawValue], row.count == 4 else {
                Issue.record("no row of four columns for \(kind)")
                continue
            }
            let shape = JournalParser.Shape(kind.spec)
            func keys(_ mask: UInt64) -> Set<String> {
                Set(JournalParser.Key.allCases.filter { mask & $0.bit != 0 }.map(\.name))
            }
            #expect(Set(row[0]) == keys(shape.required), "required fields of \(kind)")
            #expect(Set(row[1]) == keys(shape.optional), "optional fields of \(kind)")
            #expect(Set(row[2]) == keys(shape.repeated), "repeatable fields of \(kind)")
            #expect(row[3] == kind.spec.writtenOrder.map(\.name), "written order of \(kind)")
        }
    }

    /// The keys of a written line, in order, skipping over quoted values.
    static func keys(of line: String) -> [String] {
        let s = Array(line.unicodeScalars)
        var i = 0
        for _ in 0..<3 {  // timestamp, id, kind
            while i < s.count, s[i] != " " { i += 1 }
            i += 1
        }
        var out: [String] = []
        while i < s.count {
            var key = ""
            while s[i] != "=" { key.unicodeScalars.append(s[i]); i += 1 }
            out.append(key)
            i += 1
            if s[i] == "\"" {
                i += 1
                while s[i] != "\"" { i += s[i] == "\\" ? 2 : 1 }
                i += 1
            } else {
                while i < s.count, s[i] != " " { i += 1 }
            }
            i += 1
        }
        return out
    }

    @Test func theWriterWritesFieldsInTheDocumentedOrder() throws {
        let table = try Self.kindsTable()
        var gen = AwkwardEvents(seed: 2009)
        for kind in EventKind.allCases {
            guard let order = table[kind.rawValue]?.last else { continue }
            for _ in 0..<200 {
                let written = Self.keys(of: EventWriter.line(for: gen.event(kind)))
                var seen: [String] = []
                for k in written where seen.last != k { seen.append(k) }  // repeated keys run together
                let positions = seen.map { order.firstIndex(of: $0) ?? -1 }
                #expect(!positions.contains(-1) && positions == positions.sorted(), "\(kind): \(written) against \(order)")
            }
        }
    }

    /// The follow-up tables after the worked example: id → (raised, state, carried).
    static func followUpTable(_ label: String) throws -> [(id: String, raised: String, state: String, carried: Int)] {
        let lines = try document().components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "<!-- \(label) -->") else { return [] }
        var rows: [(String, String, String, Int)] = []
        for line in lines[(start + 3)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, let carried = Int(cells[4]) else { continue }
            rows.append((cells[1].trimmingCharacters(in: ["`"]), cells[2], cells[3], carried))
        }
        return rows
    }

    static func workedExample() throws -> String {
        try #require(try blocks().first { $0.label == "worked-example" }).text
    }

    @Test(arguments: [("follow-ups", nil), ("follow-ups asOf=2009-02-19", "2009-02-19")] as [(String, String?)])
    func theWorkedExamplesFollowUpTableIsWhatReplayGives(label: String, asOf: String?) throws {
        let rows = try Self.followUpTable(label)
        #expect(rows.count >= 4)
        let state = JournalLoader.load(text: try Self.workedExample(), asOf: asOf.map(day)).state
        let listed = state.followUps(matching: FollowUpFilter(group: "be-safe", includeClosed: true))
        #expect(listed.map(\.id.text) == rows.map(\.id))
        for row in rows {
            let id = try #require(EventID.parse(row.id))
            let item = try #require(state.item(id))
            #expect(item.meeting.iso == row.raised, "\(row.id)")
            #expect(item.state.word == row.state, "\(row.id)")
            #expect(state.carriedCount(item) == row.carried, "\(row.id)")
        }
    }

    @Test func theWorkedExampleReplaysAsTheDocSays() throws {
        let state = JournalLoader.load(text: try Self.workedExample()).state
        let g = try #require(state.groups["be-safe"])
        #expect(g.meetings.map(\.date.iso) == ["2009-01-15", "2009-02-19", "2009-03-19"])
        #expect(g.meetings[0].present == ["KP", "DD", "ZNB"])
        #expect(g.meetings[0].apologies == ["Schools"])
        #expect(g.meetings[0].next == day("2009-02-19"))
        let p1 = try #require(state.projects[proj("be-safe/1")])
        #expect(p1.headline == "Every member of staff completes safeguarding training")
        #expect(state.notesByMeeting(of: p1.ref).first?.notes.map(\.text) == [
            "Looked at an online course; some staff learn better in a group.",
            "Forgot: the county team will help with the first session.",
        ])
        #expect(p1.ratings.map(\.rating) == [.satisfactory, .good])
        #expect(p1.plan.lead == "DD")
        #expect(p1.plan.links.count == 1)
    }

    @Test func theWorkedExampleReplaysTheSameWhenShuffledOrDuplicated() throws {
        let text = try Self.workedExample()
        let lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
        let reference = canonicalDump(JournalLoader.load(text: text).state)
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<10 {
            let body = (Array(lines.dropFirst()) + lines.dropFirst().prefix(5)).shuffled(using: &rng)
            let j = JournalLoader.load(text: ([lines[0]] + body).map { $0 + "\n" }.joined())
            #expect(!j.hasErrors)
            #expect(canonicalDump(j.state) == reference)
        }
    }
}
