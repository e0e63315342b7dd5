import Foundation
@testable import MinutesCore
import Testing

/// Hostile input: random bytes and mutations of valid journals go through the parser and
/// replay. Nothing may crash or hang, and every problem reported must point into the input:
/// line ≥ 1 and within the file, column ≥ 1 and at most one past the end of its line.
///
/// Seeded and reproducible: a failure prints `MINUTES_FUZZ_SEED` and the input's number;
/// `MINUTES_FUZZ_ONLY=<number>` runs that one input again. `MINUTES_FUZZ_INPUTS` asks for more
/// than the 100 000 run in CI.
@Suite("Fuzz: hostile journal input")
struct FuzzJournalTests {
    static let sample: [[UInt8]] = {
        let path = RelTemp.packageRoot + "/data/sample.journal"
        let bytes = relRead(path)
        return bytes.split(separator: 10).map(Array.init).filter {
            !$0.isEmpty && $0.first != UInt8(ascii: "#") && !$0.starts(with: Array("minutes-journal".utf8))
        }
    }()

    /// Pieces that make the parser work hard: the syntax, and the bytes that have broken parsers.
    static let tokens: [[UInt8]] = {
        var t: [[UInt8]] = [
            "minutes-journal 1", "minutes-journal 2", "2009-06-26T10:15:03.120Z", "2009-02-30T25:61:61.999Z",
            "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00.000Z", "nyqr6vj34cws", "ywh24e0na621", "zzzzzzzzzzzz",
            "iloiloiloilo", "person", "group", "project", "meeting", "action", "note", "todo", "done", "drop",
            "reassign", "rate", "amend", "retract", "plan", "initials=", "name=", "slug=", "group=", "number=",
            "headline=", "date=", "present=", "ref=", "text=", "owner=", "rating=", "priority=", "link=",
            "project=stay-safe/1", "stay-safe", "RO", "=", "\"", "\\", "\\\"", "\\\\", "\\n", "\\u{", "\\u{1F600}",
            "\\u{D800}", "\\u{110000}", "\\u{}", "}", " ", "  ", "\t", "\n", "\r\n", "\r", "#", "9999", "0", "-1",
            "2009-01-20", "good", "excellent", "\u{202E}", "zoë", "𝄞",
        ].map { Array($0.utf8) }
        t += [[0xEF, 0xBB, 0xBF], [0], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
              [0x80], [0x7F], [0x1B, 0x5B, 0x33, 0x31, 0x6D]]
        return t
    }()

    /// One input, made from its own seed.
    static func input(_ rng: inout SeededGenerator) -> [UInt8] {
        switch rng.next() % 10 {
        case 0:
            return (0..<Int(rng.next() % 160)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 1, 2:
            var out = rng.next() % 2 == 0 ? Array("minutes-journal 1\n".utf8) : []
            for _ in 0..<Int(rng.next() % 24) { out += tokens[Int(rng.next() % UInt64(tokens.count))] }
            return out
        default:
            return mutated(&rng)
        }
    }

    /// A few lines of the sample journal with a few mutations.
    static func mutated(_ rng: inout SeededGenerator) -> [UInt8] {
        let start = Int(rng.next() % UInt64(sample.count))
        let count = 1 + Int(rng.next() % 4)
        var out = Array("minutes-journal 1\n".utf8)
        out.reserveCapacity(1024)
        for line in sample[start..<min(sample.count, start + count)] {
            out.append(contentsOf: line)
            out.append(10)
        }
        if rng.next() % 4 == 0 {
            out.append(contentsOf: sample[Int(rng.next() % UInt64(sample.count))])
            out.append(10)
        }
        if rng.next() % 5 == 0 { out.removeLast() }
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            guard !out.isEmpty else { out = tokens[Int(rng.next() % UInt64(tokens.count))]; continue }
            let at = Int(rng.next() % UInt64(out.count))
            switch rng.next() % 9 {
            case 0: out[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
            case 1: out[at] = UInt8(truncatingIfNeeded: rng.next())
            case 2, 3: out.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
            case 4: out.removeSubrange(at..<min(out.count, at + 1 + Int(rng.next() % 12)))
            case 5:
                let end = min(out.count, at + 1 + Int(rng.next() % 40))
                out.insert(contentsOf: out[at..<end], at: Int(rng.next() % UInt64(out.count)))
            case 6: out.removeSubrange(at...)
            case 7:
                var crlf: [UInt8] = []
                for b in out { if b == 10 { crlf += [13, 10] } else { crlf.append(b) } }
                out = crlf
            default: out.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
            }
        }
        return out
    }

    /// Checks one input; returns a description of what is wrong, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        let loaded = JournalLoader.load(bytes: bytes)
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if bytes.last == 10 { lines.removeLast() }
        for d in loaded.diagnostics {
            guard d.line >= 1, d.line <= max(1, lines.count) else {
                return "line \(d.line) outside 1...\(max(1, lines.count)): \(d)"
            }
            let length = lines.isEmpty ? 0 : lines[d.line - 1].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            guard d.column >= 1, d.column <= length + 1 else {
                return "column \(d.column) outside 1...\(length + 1) on line \(d.line): \(d)"
            }
        }
        // Whatever the parser accepts, the writer writes back the same.
        var parser = JournalParser()
        for (i, line) in lines.enumerated() {
            let result = line.withUnsafeBufferPointer { parser.parse(line: $0, number: i + 1) }
            if case .event(let e) = result {
                guard case .event(let back) = parser.parse(EventWriter.line(for: e)), back == e else {
                    return "line \(i + 1) parsed to an event that does not read back from its written form: \(EventWriter.line(for: e))"
                }
            }
        }
        return nil
    }

    static func show(_ bytes: [UInt8]) -> String {
        let text = bytes.prefix(400).map { b -> String in
            (32..<127).contains(b) && b != 92 ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
        }.joined()
        return "\"\(text)\"" + (bytes.count > 400 ? "… (\(bytes.count) bytes)" : "")
    }

    @Test func randomAndMutatedInputsNeverCrashAndEveryProblemPointsIntoTheInput() {
        let env = ProcessInfo.processInfo.environment
        let seed = env["MINUTES_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x6D69_6E75_7465_73
        let total = relEnvInt("MINUTES_FUZZ_INPUTS", default: 100_000)
        let only = env["MINUTES_FUZZ_ONLY"].flatMap(Int.init)
        let clock = ContinuousClock()
        var failures = 0
        var slowest: (Duration, Int) = (.zero, -1)
        for i in only.map({ [$0] }) ?? Array(0..<total) {
            var rng = SeededGenerator(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let bytes = FuzzJournalTests.input(&rng)
            let start = clock.now
            let problem = FuzzJournalTests.check(bytes)
            let took = clock.now - start
            if took > slowest.0 { slowest = (took, i) }
            if let problem {
                failures += 1
                if failures <= 5 {
                    Issue.record("MINUTES_FUZZ_SEED=\(seed) MINUTES_FUZZ_ONLY=\(i): \(problem)\ninput: \(FuzzJournalTests.show(bytes))")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(total) inputs failed (seed \(seed))")
        #expect(slowest.0 < .seconds(2), "input \(slowest.1) (seed \(seed)) took \(slowest.0): a hang in the making")
    }

    @Test func byteOrderMarkCRLFNulAndInvalidUTF8() throws {
        let lf = Array("minutes-journal 1\n".utf8) + FuzzJournalTests.sample.prefix(40).joined(separator: [10]) + [10]
        let plain = JournalLoader.load(bytes: lf)
        #expect(plain.diagnostics.errors.isEmpty)

        // A byte-order mark before the header, and CRLF line ends, read as the same journal.
        let bom = JournalLoader.load(bytes: [0xEF, 0xBB, 0xBF] + lf)
        #expect(bom.diagnostics.errors.isEmpty)
        #expect(relDump(bom.state) == relDump(plain.state))
        var crlfBytes: [UInt8] = []
        for b in lf { if b == 10 { crlfBytes += [13, 10] } else { crlfBytes.append(b) } }
        let crlf = JournalLoader.load(bytes: crlfBytes)
        #expect(crlf.diagnostics.errors.isEmpty)
        #expect(relDump(crlf.state) == relDump(plain.state))

        // A NUL byte and invalid UTF-8 are errors at their own line and column.
        let line = Array("2009-01-20T09:00:00.000Z nyqr6vj34cws person initials=RO name=\"Rosa".utf8)
        for (bad, column) in [([UInt8](arrayLiteral: 0), line.count + 1), ([0xFF], line.count + 1), ([0xC3, 0x28], line.count + 1)] {
            let input = Array("minutes-journal 1\n".utf8) + line + bad + Array(" Okafor\"\n".utf8)
            let loaded = JournalLoader.load(bytes: input)
            let first = try #require(loaded.diagnostics.errors.first)
            #expect(first.line == 2)
            #expect(first.column == column, "\(bad)")
            #expect(FuzzJournalTests.check(input) == nil)
        }
    }

    @Test func oneMegabyteLines() throws {
        let megabyte = 1 << 20
        let head = Array("minutes-journal 1\n".utf8)
        let valid = Array("2009-01-20T09:00:00.000Z nyqr6vj34cws person initials=RO name=\"".utf8)
            + [UInt8](repeating: UInt8(ascii: "a"), count: megabyte) + Array("\"\n".utf8)
        let loaded = JournalLoader.load(bytes: head + valid)
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.state.person("RO")?.name.utf8.count == megabyte)

        var rng = SeededGenerator(seed: 1)
        let garbage = (0..<megabyte).map { _ -> UInt8 in
            let b = UInt8(truncatingIfNeeded: rng.next())
            return b == 10 ? 11 : b
        }
        #expect(FuzzJournalTests.check(head + garbage + [10]) == nil)
        #expect(FuzzJournalTests.check(head + garbage) == nil, "a 1 MB torn last line")
        #expect(JournalLoader.load(bytes: head + garbage).tornLine == 2)

        // The file reader, whose buffer must grow past its 1 MB chunk, agrees.
        let dir = try RelTemp("fuzz-megabyte")
        let path = dir.file("big.journal")
        try SecureFile.createNew(path, bytes: head + valid + garbage + [10] + valid.prefix(100))
        let fromFile = try JournalLoader.load(path: path)
        let fromMemory = JournalLoader.load(bytes: relRead(path))
        #expect(fromFile.diagnostics == fromMemory.diagnostics)
        #expect(fromFile.tornLine == 4 && fromMemory.tornLine == 4)
        #expect(relDump(fromFile.state) == relDump(fromMemory.state))
    }

    /// The file reader (1 MB chunks) and the in-memory reader see the same lines, whatever
    /// falls on a chunk boundary.
    @Test func fileAndMemoryReadersAgree() throws {
        let dir = try RelTemp("fuzz-readers")
        var rng = SeededGenerator(seed: 0x5EED)
        var big = Array("minutes-journal 1\n".utf8)
        while big.count < (1 << 20) + 4096 {
            var line = FuzzJournalTests.sample[Int(rng.next() % UInt64(FuzzJournalTests.sample.count))]
            if rng.next() % 50 == 0 { line = FuzzJournalTests.mutated(&rng) }
            big += line + (rng.next() % 30 == 0 ? [13, 10] : [10])
        }
        for cut in [(1 << 20) - 1, 1 << 20, (1 << 20) + 1, big.count] {
            let bytes = Array(big.prefix(cut))
            let path = dir.file("cut-\(cut).journal")
            try SecureFile.createNew(path, bytes: bytes)
            let fromFile = try JournalLoader.load(path: path)
            let fromMemory = JournalLoader.load(bytes: bytes)
            #expect(fromFile.diagnostics == fromMemory.diagnostics, "cut at \(cut)")
            #expect(fromFile.validLength == fromMemory.validLength)
            #expect(fromFile.tornLine == fromMemory.tornLine)
            #expect(relDump(fromFile.state) == relDump(fromMemory.state))
        }
    }
}
