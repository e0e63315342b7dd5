import Foundation
import TestSupport
import Testing
import MinutesCore

/// About sixty escape-sequence payloads, placed in every kind of text field of a journal:
/// the bytes the full-screen app sends to the terminal, and the HTML, XML (docx) and CSV
/// exports, must contain none of them raw.
@Suite("Hostile text never reaches the terminal or an export raw", .serialized)
struct HostileTextTests {
    static let payloads: [String] = [
        // CSI
        "\u{1B}[31mRED", "\u{1B}[2J", "\u{1B}[H", "\u{1B}[?1049h", "\u{1B}[6n", "\u{1B}[0c", "\u{1B}[?25l",
        "\u{1B}[1;1H", "\u{1B}[K", "\u{1B}[8m", "\u{1B}[3J", "\u{1B}[?1000h",
        // OSC 0, 2, 7, 8, 52, with BEL and ST terminators
        "\u{1B}]0;pwned\u{07}", "\u{1B}]0;pwned\u{1B}\\", "\u{1B}]2;title\u{07}", "\u{1B}]7;file://evil/\u{07}",
        "\u{1B}]8;;http://evil.example/\u{07}link\u{1B}]8;;\u{07}", "\u{1B}]52;c;SGVsbG8=\u{07}", "\u{1B}]52;p;?\u{07}",
        // DCS, APC, PM, SOS
        "\u{1B}P+q544e\u{1B}\\", "\u{1B}P$q m\u{1B}\\", "\u{1B}_apc\u{1B}\\", "\u{1B}^pm\u{1B}\\", "\u{1B}Xsos\u{1B}\\",
        // other ESC sequences
        "\u{1B}7", "\u{1B}8", "\u{1B}c", "\u{1B}(0lqk", "\u{1B}#8", "\u{1B}D", "\u{1B}M", "\u{1B}=", "\u{1B}", "x\u{1B}",
        // C1 controls, 8-bit CSI and OSC
        "\u{9B}31m", "\u{9D}0;title\u{9C}", "\u{90}q\u{9C}", "\u{85}next", "\u{9E}", "\u{9F}", "\u{8D}",
        // C0 controls and DEL
        "ring\u{07}", "safe\rEVIL", "abc\u{08}\u{08}\u{08}XYZ", "tab\there", "vt\u{0B}ff\u{0C}", "del\u{7F}", "nul\u{00}",
        "so\u{0E}si\u{0F}", "can\u{18}sub\u{1A}",
        // bidi controls
        "\u{202E}gnp.exe", "\u{202D}lro", "\u{202A}lre", "\u{202B}rle", "x\u{202C}", "\u{2066}lri\u{2069}",
        "\u{2067}rli\u{2069}", "\u{2068}fsi\u{2069}", "\u{200E}lrm", "\u{200F}rlm", "\u{061C}alm",
        // zero-width and invisible characters
        "zero\u{200B}width", "zw\u{200C}nj", "zw\u{200D}j", "word\u{2060}joiner", "bom\u{FEFF}", "line\u{2028}sep",
        "para\u{2029}sep", "soft\u{00AD}hyphen",
    ]

    static func marked(_ i: Int) -> String { "QQ\(i)" + payloads[i] + "ZZ\(i)" }

    /// Bytes that must never appear anywhere: C1 controls, bidi and invisible characters, BEL.
    static let neverRaw: [[UInt8]] = (0x80...0x9F).map { [0xC2, UInt8($0)] }
        + [0x200B, 0x200C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067,
           0x2068, 0x2069, 0x2028, 0x2029, 0xFEFF, 0x061C, 0x00AD].map { Array(String(Unicode.Scalar($0)!).utf8) }

    /// A journal whose every displayed text field carries payloads; payload i is wrapped in
    /// the markers QQi … ZZi so a raw copy would show as `payload + ZZi` in the output.
    static func journal() -> String {
        var lines = [EventWriter.header]
        var clock: Int64 = 1_244_000_000_000
        var rng = SystemRandomNumberGenerator()
        func add(_ body: EventBody) -> EventID {
            clock += 1000
            let e = Event(id: .random(using: &rng), timestamp: Timestamp(milliseconds: clock), body: body)
            lines.append(EventWriter.line(for: e))
            return e.id
        }
        var next = 0
        func text() -> String {
            defer { next += 1 }
            return marked(next % payloads.count)
        }
        let day = Day.parseISO("2009-06-25")!
        _ = add(.person(Person(initials: "KP", name: "Kim " + text(), organisation: text())))
        _ = add(.group(slug: "g", name: "Group " + text(), lead: "KP"))
        _ = add(.plan(.group("g"), PlanFields(aim: text(), priorities: [text(), text()])))
        for n in 1...6 { _ = add(.project(ProjectRef(group: "g", number: n), headline: text())) }
        let p1 = ProjectRef(group: "g", number: 1)
        _ = add(.plan(.project(p1), PlanFields(aim: text(), links: [text()])))
        _ = add(.meeting(MeetingFields(group: "g", date: day, present: ["KP"], apologies: [text()])))
        _ = add(.todo(p1, meeting: day, owners: [.named("Body " + text())], text: text()))
        let done = add(.todo(p1, meeting: day, owners: [.initials("KP")], text: text()))
        _ = add(.done(ref: done, meeting: day, outcome: text()))
        let dropped = add(.todo(p1, meeting: day, owners: [.initials("KP")], text: text()))
        _ = add(.drop(ref: dropped, meeting: day, reason: text()))
        _ = add(.rate(p1, meeting: day, rating: .good, comment: text()))
        var project = 1
        while next < payloads.count {
            let ref = ProjectRef(group: "g", number: project)
            switch next % 3 {
            case 0: _ = add(.action(ref, meeting: day, text: text()))
            case 1: _ = add(.note(ref, meeting: day, text: text()))
            default: _ = add(.todo(ref, meeting: day, owners: [.initials("KP")], text: text()))
            }
            project = project % 6 + 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Invisible characters a file may keep raw. None of these payloads: under the one policy
    /// (`UntrustedText`) the journal writer escapes every unsafe scalar, and the exports keep
    /// joiners and bidi marks only inside the scripts that need them, which these payloads
    /// (ASCII around them) are not.
    static let journalKeeps: Set<UInt32> = []
    static let exportsKeep: Set<UInt32> = []

    /// Which payloads appear raw in `output` (followed directly by their end marker), and
    /// which never-raw byte sequences occur at all.
    static func problems(in output: [UInt8], allowing allowed: Set<UInt8> = [], keeping kept: Set<UInt32> = []) -> [String] {
        var found: [String] = []
        for (i, p) in payloads.enumerated() where contains(output, Array((p + "ZZ\(i)").utf8)) {
            if p.unicodeScalars.contains(where: { kept.contains($0.value) }) { continue }
            found.append("payload \(i) raw: \(p.debugDescription)")
        }
        let keptBytes = Set(kept.map { Array(String(Unicode.Scalar($0)!).utf8) })
        for seq in neverRaw where !keptBytes.contains(seq) && contains(output, seq) {
            found.append("raw bytes \(seq.map { String($0, radix: 16) })")
        }
        for b in output where (b < 0x20 || b == 0x7F) && !allowed.contains(b) {
            found.append("raw control byte 0x\(String(b, radix: 16))")
            break
        }
        return found
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first, Array(haystack[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    @Test func theJournalReadsBackWithEveryPayloadIntact() throws {
        let loaded = JournalLoader.load(text: Self.journal())
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let texts = loaded.state.items.values.map(\.text)
        #expect(texts.contains(Self.marked(Self.payloads.firstIndex(of: "\u{1B}]52;c;SGVsbG8=\u{07}")!)))
        // Written lines hold no raw control or bidi character: `cat` of a journal is safe.
        #expect(Self.problems(in: Array(Self.journal().utf8), allowing: [0x0A], keeping: Self.journalKeeps) == [])
    }

    @Test func theAppSendsNoPayloadRawToTheTerminal() throws {
        guard Tmux.isAvailable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("tmux is missing under CI") }
            return
        }
        let box = try Sandbox()
        try box.write("minutes.journal", Self.journal())
        let capture = box.dir.appendingPathComponent("terminal-output.bin")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        let tmux = try Tmux(command: "'\(CLI.binary.path)' -f minutes.journal; sleep 0", directory: box.dir, width: 200, height: 60)
        try tmux.recordOutput(to: capture)
        // pipe-pane starts after the first frame may have been drawn: redraw by resizing.
        try tmux.tmux(["resize-window", "-t", "app", "-x", "199", "-y", "60"], readOutput: false)
        try tmux.waitForScreen("the panel") { $0.contains("Actions required") && $0.contains("QQ") }
        // Visit every screen that shows journal text.
        for n in 1...6 {
            try tmux.keys("\(n)")
            // The Actions column starts with "n. <headline>": that tab is painted, not just typed ahead.
            try tmux.waitForScreen("tab \(n)") { $0.contains(" \(n). QQ") }
        }
        try tmux.keys("1")
        try tmux.keys("p")
        try tmux.waitForScreen("the plan") { $0.contains("Plan of project 1") }
        // Escape and a letter sent together read as Alt-letter: wait for the overlay to close first.
        try tmux.keys("Escape")
        try tmux.waitForScreen("the plan to close") { !$0.contains("Plan of project 1") }
        try tmux.keys("P")
        try tmux.waitForScreen("the group plan") { $0.contains("Group plan") }
        try tmux.keys("Escape")
        try tmux.waitForScreen("the group plan to close") { !$0.contains("Group plan") }
        try tmux.keys("BTab")
        try tmux.waitForScreen("the Outstanding tab") { $0.contains("Open follow-ups") }
        try tmux.keys("q")
        try tmux.waitForExit()
        let bytes = Array(try Data(contentsOf: capture))
        #expect(bytes.count > 1000, "the capture recorded the app's output")
        // The markers show that text of every field reached the screen, escaped.
        let shown = (0..<Self.payloads.count).filter { Self.contains(bytes, Array("QQ\($0)".utf8)) }
        #expect(shown.count >= Self.payloads.count * 3 / 4, "only \(shown.count) payloads were displayed")
        // ncurses itself writes ESC, CR, LF, BS and tab for cursor control; everything else is checked.
        let problems = Self.problems(in: bytes, allowing: [0x1B, 0x0D, 0x0A, 0x08, 0x09, 0x0F, 0x0E])
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: ["html", "md", "txt"])
    func minutesExportsHoldNoPayloadRaw(format: String) throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Self.journal())
        let r = try box.run(["export", "minutes", "g", "--format", format])
        #expect(r.status == 0, "\(r)")
        let problems = Self.problems(in: Array(r.stdout.utf8), allowing: [0x0A], keeping: Self.exportsKeep)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func actionListCSVHoldsNoPayloadRaw() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Self.journal())
        let r = try box.run(["export", "actions", "--all", "--format", "csv"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("QQ"))
        // The CSV starts with a byte order mark on purpose, for Excel (docs/exports.md); none
        // may come from the journal.
        var bytes = Array(r.stdout.utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        bytes.removeFirst(min(3, bytes.count))
        let problems = Self.problems(in: bytes, allowing: [0x0A, 0x0D], keeping: Self.exportsKeep)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func docxDocumentXMLHoldsNoPayloadRaw() throws {
        let box = try Sandbox()
        try box.write("minutes.journal", Self.journal())
        let r = try box.run(["export", "minutes", "g", "--format", "docx", "-o", "out.docx"])
        #expect(r.status == 0, "\(r)")
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["python3", "-c", "import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))",
                           box.dir.appendingPathComponent("out.docx").path]
        let out = Pipe()
        unzip.standardOutput = out
        try unzip.run()
        let xml = Array(out.fileHandleForReading.readDataToEndOfFile())
        unzip.waitUntilExit()
        #expect(unzip.terminationStatus == 0)
        #expect(Self.contains(xml, Array("QQ".utf8)))
        let problems = Self.problems(in: xml, allowing: [0x0A, 0x0D], keeping: Self.exportsKeep)
        #expect(problems.isEmpty, "\(problems)")
    }
}
