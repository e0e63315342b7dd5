import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Where the package and its sample live, and scratch folders for the app tests.
enum Fixture {
    /// The package root: three levels up from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var samplePath: String { packageRoot.appendingPathComponent("data/sample.journal").path }

    /// "Today" for every app test: the next meeting date the sample's last meeting gave.
    static let today = Day(year: 2009, month: 9, day: 17)!
    static let march = Day(year: 2009, month: 3, day: 12)!
    static let may = Day(year: 2009, month: 5, day: 14)!
    static let june = Day(year: 2009, month: 6, day: 25)!

    /// `.build/test-tmp/`, mode 0700, with scratch folders older than a day removed (once).
    static func scratchRoot() throws -> URL {
        let root = packageRoot.appendingPathComponent(".build/test-tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        _ = sweep
        return root
    }

    private static let sweep: Void = {
        let root = packageRoot.appendingPathComponent(".build/test-tmp", isDirectory: true)
        let old = Date().addingTimeInterval(-86_400)
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
            let path = root.appendingPathComponent(name).path
            guard let attrs = try? fm.attributesOfItem(atPath: path), attrs[.type] as? FileAttributeType == .typeDirectory,
                  let date = attrs[.modificationDate] as? Date, date < old else { continue }
            try? fm.removeItem(atPath: path)
        }
    }()

    /// A fresh folder under `.build/test-tmp/` (mode 0700), never /tmp.
    static func scratchDirectory(_ label: String) throws -> URL {
        let root = try scratchRoot()
        let dir = root.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// A copy of the sample journal in a scratch folder, named `stay-safe.journal`.
    static func sampleCopy(_ label: String = "sample") throws -> String {
        try journal(label, text: String(contentsOfFile: samplePath, encoding: .utf8))
    }

    /// A journal with this text in a scratch folder.
    static func journal(_ label: String, text: String, name: String = "stay-safe.journal") throws -> String {
        let path = try scratchDirectory(label).appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Journal text built from event bodies, one second apart from 2009-01-20 09:00 UTC,
    /// with ids that are fixed for a given position.
    static func journalText(_ bodies: [EventBody]) -> String {
        var lines = [EventWriter.header]
        for (i, body) in bodies.enumerated() {
            let t = Timestamp(milliseconds: 1_232_442_000_000 + Int64(i) * 1000)
            let id = EventID(value: 0x1_0000_0000 + UInt64(i) * 7919)
            lines.append(EventWriter.line(for: Event(id: id, timestamp: t, body: body)))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A write that always fails, as with a full disk.
struct FailingFileOps: JournalFileOps {
    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        errno = ENOSPC
        return -1
    }
    func fsync(_ fd: Int32) -> Int32 { 0 }
}

/// The app without a terminal: a runtime on a journal file, keys in, screens and new
/// journal lines out.
final class AppHarness {
    let path: String
    let runtime: AppRuntime
    private let originalLines: Int

    /// Opens `path` (a scratch journal) at a fixed size and a fixed today. Timestamps of new
    /// events start at 2009-09-17 10:00 UTC.
    init(path: String, width: Int = 80, height: Int = 24, today: Day = Fixture.today,
         writable: Bool = true, ops: JournalFileOps = SystemFileOps()) throws {
        self.path = path
        let start = Int64(today.ordinal) * 86_400_000 + 10 * 3_600_000
        let session = try JournalSession(path: path, writable: writable, ops: ops,
                                         clock: { Timestamp(milliseconds: start) })
        runtime = AppRuntime(session: session, width: width, height: height, today: { today })
        originalLines = AppHarness.lines(of: path).count
    }

    /// A harness on a fresh copy of the sample.
    static func sample(width: Int = 80, height: Int = 24, today: Day = Fixture.today,
                       ops: JournalFileOps = SystemFileOps()) throws -> AppHarness {
        try AppHarness(path: Fixture.sampleCopy(), width: width, height: height, today: today, ops: ops)
    }

    var ui: UIState { runtime.ui }
    var context: AppContext { runtime.context }
    var state: MinutesState { runtime.session.state }

    func press(_ keys: Key...) { for k in keys { runtime.handle(k) } }
    func press(_ keys: [Key]) { for k in keys { runtime.handle(k) } }

    /// Types text one character at a time, as a person would.
    func type(_ text: String) { for ch in text { runtime.handle(.char(ch)) } }

    var grid: CellGrid { runtime.frame().grid }
    var screen: String { grid.snapshotText() }

    /// The message shown to the user: on the status line, or in the footer's place while the
    /// input line covers the status line. Empty when there is none on screen.
    var status: String {
        guard ui.status != nil else { return "" }
        let row = inputText == nil ? ui.height - 2 : ui.height - 1
        return grid.text(row: row).trimmingCharacters(in: .whitespaces)
    }

    /// The input line's text, when one is open.
    var inputText: String? {
        if case .input(let line) = ui.mode { return line.editor.text }
        return nil
    }

    var inputPurpose: InputPurpose? {
        if case .input(let line) = ui.mode { return line.purpose }
        return nil
    }

    static func lines(of path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// Lines the app appended to the journal since the harness opened it.
    var newLines: [String] { Array(AppHarness.lines(of: path).dropFirst(originalLines)) }

    /// The appended lines, parsed back: each must be a well-formed event.
    var newEvents: [EventBody] {
        var parser = JournalParser()
        return newLines.compactMap { line in
            guard case .event(let e) = parser.parse(line) else {
                Issue.record("Unreadable journal line: \(line)")
                return nil
            }
            return e.body
        }
    }

    /// The journal re-read from disk, as a second process would see it.
    func reloaded() throws -> MinutesState { try JournalLoader.load(path: path).state }

    /// The project tab showing `number` (1-based) of the current group.
    func goToProject(_ number: Int) { press(.char(Character(String(number)))) }

    /// The selected follow-up of the current project, selecting the one whose text contains `text`.
    func selectFollowUp(containing text: String) {
        if ui.column != .followUps { press(.right, .right) }
        press(.home)
        for _ in 0..<50 {
            if let id = AppUpdate.selectedID(ui, context), let item = state.item(id), item.text.contains(text) { return }
            press(.down)
        }
        Issue.record("No follow-up containing “\(text)” in this project")
    }

    var selectedItem: Item? { AppUpdate.selectedID(ui, context).flatMap { state.item($0) } }

    /// The sample's follow-up whose text contains `text`.
    func followUp(_ text: String) -> Item? {
        state.items.values.first { $0.kind == .followUp && $0.text.contains(text) }
    }
}

extension MinutesState {
    /// The follow-up whose text contains `text` (the first found).
    func followUp(containing text: String) -> Item? {
        items.values.first { $0.kind == .followUp && $0.text.contains(text) }
    }
}

extension CellGrid {
    /// Where `needle` starts on screen (x, y), cell by cell, for every occurrence.
    func find(_ needle: String) -> [(x: Int, y: Int)] {
        var out: [(x: Int, y: Int)] = []
        for y in 0..<height {
            for x in 0..<width {
                var text = ""
                var cx = x
                while cx < width, text.count < needle.count, let cell = cell(x: cx, y: y) {
                    text += cell.text
                    cx += 1
                }
                if text.hasPrefix(needle), cell(x: x, y: y)?.isContinuation == false { out.append((x, y)) }
            }
        }
        return out
    }

    /// The styles of the cells showing the first occurrence of `needle` (empty when absent).
    func styles(of needle: String) -> [Style] {
        guard let at = find(needle).first else { return [] }
        var out: [Style] = []
        var x = at.x
        var text = ""
        while text.count < needle.count, let cell = cell(x: x, y: at.y) {
            text += cell.text
            out.append(cell.style)
            x += 1
        }
        return out
    }

    /// Whether every cell showing the first occurrence of `needle` has this style.
    func shows(_ needle: String, in style: Style) -> Bool {
        let s = styles(of: needle)
        return !s.isEmpty && s.allSatisfy { $0 == style }
    }

    /// Every scalar on screen.
    var allScalars: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for y in 0..<height {
            for x in 0..<width { out += cell(x: x, y: y)?.text.unicodeScalars ?? "".unicodeScalars }
        }
        return out
    }
}

extension Fixture {
    /// The sample plus a second group, Be Heard, with one project, one meeting and one open
    /// follow-up (PM's), for the group switcher and the all-groups Outstanding view.
    static func twoGroupsText() throws -> String {
        try String(contentsOfFile: samplePath, encoding: .utf8) + """
        2009-07-01T09:00:00.000Z 4h2k7x9m3p5q group slug=be-heard name="Be Heard Working Group"
        2009-07-01T09:01:00.000Z 4h2k7x9m3p5r project group=be-heard number=1 headline="A youth council"
        2009-07-01T09:02:00.000Z 4h2k7x9m3p5s meeting group=be-heard date=2009-07-01
        2009-07-01T09:03:00.000Z 4h2k7x9m3p5t todo project=be-heard/1 meeting=2009-07-01 owner=PM text="draft the council's terms of reference"

        """
    }
}

extension AppHarness {
    /// Shows the Outstanding tab (Tab until it is there).
    func goToOutstanding() {
        for _ in 0..<20 where !Select.isOutstandingTab(ui, context) { press(.tab) }
    }

    /// Opens the meeting of `today` with `m`, answering every question with Enter.
    func openTodaysMeeting() {
        press(.char("m"))
        press(.enter, .enter, .enter, .enter, .enter, .enter)
    }
}
