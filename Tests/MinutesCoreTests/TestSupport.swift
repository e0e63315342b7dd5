import Foundation
import Testing
@testable import MinutesCore

// Helpers shared by the engine tests: a seeded random generator, a journal builder that
// mints ids and timestamps, a canonical dump of a state, and temporary files.

/// SplitMix64: small, fast and the same on every platform, so a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A day from its ISO form; traps on a typo in a test.
func day(_ iso: String) -> Day {
    guard let d = Day.parseISO(iso) else { fatalError("bad day in test: \(iso)") }
    return d
}

/// A project reference from `slug/N`.
func proj(_ text: String) -> ProjectRef {
    guard let r = ProjectRef(text) else { fatalError("bad project ref in test: \(text)") }
    return r
}

func stamp(_ iso: String) -> Timestamp {
    guard let t = Timestamp.parse(iso) else { fatalError("bad timestamp in test: \(iso)") }
    return t
}

/// Builds a journal event by event: each event gets a fresh id from a seeded generator and
/// a timestamp one second after the previous one (or the start of the day given to `on`).
struct JournalBuilder {
    private(set) var events: [Event] = []
    private var clock: Timestamp
    private var rng: SeededGenerator

    init(seed: UInt64 = 1, start: String = "2024-01-08T08:00:00.000Z") {
        rng = SeededGenerator(seed: seed)
        clock = stamp(start)
    }

    /// Continues with another seed: two copies of a builder reseeded differently mint
    /// different ids, like two laptops editing copies of one journal.
    mutating func reseed(_ seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// Moves the clock to 09:00 UTC on `iso` (never backwards).
    mutating func on(_ iso: String, at time: String = "09:00:00.000") {
        let t = stamp(iso + "T" + time + "Z")
        if t > clock { clock = t }
    }

    @discardableResult
    mutating func add(_ body: EventBody) -> EventID {
        let e = Event(id: EventID.random(using: &rng), timestamp: clock, body: body)
        clock = Timestamp(milliseconds: clock.milliseconds + 1000)
        events.append(e)
        return e.id
    }

    var lines: [String] { events.map(EventWriter.line(for:)) }

    /// The journal text: header, one line per event, each ending in a line feed.
    var text: String { journalText(lines) }

    func load(asOf: Day? = nil) -> LoadedJournal { JournalLoader.load(text: text, asOf: asOf) }

    // Shorthands for the common events.
    @discardableResult mutating func person(_ initials: String, _ name: String) -> EventID {
        add(.person(Person(initials: initials, name: name)))
    }
    @discardableResult mutating func group(_ slug: String, _ name: String = "A working group") -> EventID {
        add(.group(slug: slug, name: name, lead: nil))
    }
    @discardableResult mutating func project(_ ref: String, _ headline: String = "A project") -> EventID {
        let r = proj(ref)
        return add(.project(r, headline: headline))
    }
    /// Opens a meeting on `iso`, moving the clock to that day first.
    @discardableResult mutating func meeting(_ slug: String, _ iso: String) -> EventID {
        on(iso)
        return add(.meeting(MeetingFields(group: slug, date: day(iso))))
    }
    @discardableResult mutating func note(_ ref: String, _ text: String, meeting: String? = nil) -> EventID {
        add(.note(proj(ref), meeting: meeting.map(day), text: text))
    }
    @discardableResult mutating func todo(_ ref: String, _ owners: [String], _ text: String, meeting: String? = nil) -> EventID {
        add(.todo(proj(ref), meeting: meeting.map(day), owners: owners.map(Owner.init(journalValue:)), text: text))
    }
    @discardableResult mutating func done(_ id: EventID, meeting: String? = nil, outcome: String? = nil) -> EventID {
        add(.done(ref: id, meeting: meeting.map(day), outcome: outcome))
    }
    @discardableResult mutating func drop(_ id: EventID, meeting: String? = nil, reason: String = "not needed") -> EventID {
        add(.drop(ref: id, meeting: meeting.map(day), reason: reason))
    }
    @discardableResult mutating func retract(_ id: EventID) -> EventID {
        add(.retract(ref: id, reason: nil))
    }
}

/// A journal from event lines: the header first, a line feed after every line.
func journalText(_ lines: [String]) -> String {
    ([EventWriter.header] + lines).map { $0 + "\n" }.joined()
}

/// Diagnostics in the `LINE:COL: severity: message` form, for readable failures.
func describe(_ ds: [Diagnostic]) -> String {
    ds.map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
}

/// Everything a state says, as text in a fixed order that does not depend on the order the
/// events were applied in (beyond what replay order decides), and not on line numbers.
func canonicalDump(_ s: MinutesState) -> String {
    var out: [String] = []
    func owners(_ list: [Owner]) -> String {
        list.map { o -> String in
            switch o {
            case .initials(let i): return "i:" + i
            case .named(let n): return "n:" + n
            }
        }.joined(separator: ",")
    }
    for p in s.people.values.sorted(by: { $0.initials < $1.initials }) {
        out.append("person \(p.initials) \(p.name.debugDescription) org=\(p.organisation?.debugDescription ?? "-")")
    }
    out.append("groupOrder \(s.groupOrder)")
    for g in s.groups.values.sorted(by: { $0.slug < $1.slug }) {
        out.append("group \(g.slug) \(g.name.debugDescription) lead=\(g.lead ?? "-") aim=\(g.aim?.debugDescription ?? "-") priorities=\(g.priorities) projects=\(g.projectNumbers) created=\(g.createdOn)")
        for m in g.meetings {
            out.append("  meeting \(m.date) present=\(m.present) apologies=\(m.apologies) chair=\(m.chair ?? "-") minutes=\(m.minuteTaker ?? "-") next=\(m.next?.iso ?? "-")")
        }
    }
    for p in s.projects.values.sorted(by: { $0.ref < $1.ref }) {
        out.append("project \(p.ref) id=\(p.id) \(p.headline.debugDescription) created=\(p.createdOn)")
        out.append("  plan lead=\(p.plan.lead ?? "-") aim=\(p.plan.aim?.debugDescription ?? "-") start=\(p.plan.start?.iso ?? "-") end=\(p.plan.end?.iso ?? "-") links=\(p.plan.links)")
        out.append("  actions \(p.actions)")
        out.append("  notes \(p.notes)")
        out.append("  followUps \(p.followUps)")
        for r in p.ratings {
            out.append("  rating \(r.meeting) \(r.rating) id=\(r.id) comment=\(r.comment?.debugDescription ?? "-")")
        }
    }
    for item in s.items.values.sorted(by: { $0.id < $1.id }) {
        out.append("item \(item.id) \(item.kind) \(item.project) at=\(item.meeting) recorded=\(item.recorded) \(item.text.debugDescription) owners=\(owners(item.owners)) state=\(item.state) retracted=\(item.isRetracted) conflicts=\(item.conflictingDecisions) carried=\(s.carriedCount(item))")
        for c in item.changes {
            out.append("  change \(c.id) \(c.date) \(c.kind) retracted=\(c.isRetracted)")
        }
    }
    out.append("events \(s.eventCount) last=\(s.lastTimestamp)")
    return out.joined(separator: "\n")
}

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/minutes-coretests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func readBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The repository's root, found from this file's place in it.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
