import Foundation
import MinutesCore

/// SplitMix64: a small, fast generator that gives the same numbers on every platform, so the
/// same seed always writes the same journal.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A number in the closed range.
    mutating func within(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// True with probability `p` (in 0…1).
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1p-53 < p }

    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
}

/// Writes lines to a file through a 1 MB buffer: one `write(2)` per megabyte, not per line.
final class BufferedFile {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var bytesWritten = 0

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    func appendLine(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw BenchError("write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        Glibc.close(fd)
    }
}

/// Writes a realistic, valid journal of exactly `events` events: a directory of people, working
/// groups with projects, then meetings every two to six weeks over years, each with progress
/// notes, follow-ups with owners, a review of the follow-ups carried into it (done, dropped,
/// reassigned, carried on), ratings, actions, plan changes and the odd amendment or retraction.
///
/// Text is English with accents mixed with Urdu, Gujarati, CJK and emoji, sometimes with quotes,
/// backslashes, line breaks and bidi marks that the writer must escape. Timestamps only increase;
/// ids and text come from one seeded SplitMix64, so one seed always gives one file.
struct JournalGenerator {
    let events: Int
    let groups: Int
    var rng: SplitMix64

    /// The default number of groups for a journal size: about 10 000 events per group.
    static func defaultGroups(events: Int) -> Int { max(2, min(500, events / 10_000)) }

    init(events: Int, groups: Int?, seed: UInt64) {
        self.events = events
        self.groups = max(1, groups ?? JournalGenerator.defaultGroups(events: events))
        rng = SplitMix64(seed: seed)
    }

    struct Summary {
        var events = 0
        var bytes = 0
        var meetings = 0
        var groups = 0
        var people = 0
    }

    // MARK: - Text

    static let firstNames: [(String, String)] = [
        ("Kim", "K"), ("Dev", "D"), ("Sheelagh", "S"), ("Zoë", "Z"), ("Siobhán", "S"), ("José", "J"),
        ("François", "F"), ("Björn", "B"), ("Łucja", "L"), ("Ayesha", "A"), ("Muhammad", "M"), ("Priya", "P"),
        ("Hetal", "H"), ("Haruka", "H"), ("Wei", "W"), ("Ngozi", "N"), ("Oluwaseun", "O"), ("Renée", "R"),
        ("عائشہ", "A"), ("ઋષિ", "R"), ("遥", "H"), ("민준", "M"), ("Γιώργος", "G"), ("Εлена", "E"),
        ("Tomás", "T"), ("Chloé", "C"), ("Ümit", "U"), ("Dagný", "D"), ("Yusuf", "Y"), ("Inés", "I"),
    ]
    static let lastNames: [(String, String)] = [
        ("Patel", "P"), ("Desai", "D"), ("Davis", "D"), ("Ní Bhriain", "N"), ("O'Neill", "O"), ("Álvarez", "A"),
        ("Lefèvre", "L"), ("Ångström", "A"), ("Wójcik", "W"), ("Khan", "K"), ("Iqbal", "I"), ("Shah", "S"),
        ("Mehta", "M"), ("Sato", "S"), ("Chen", "C"), ("Okafor", "O"), ("Adébáyọ̀", "A"), ("Müller", "M"),
        ("خان", "K"), ("મહેતા", "M"), ("佐藤", "S"), ("김", "K"), ("Παπαδόπουλος", "P"), ("Corcoran", "C"),
    ]
    static let organisations = [
        "Police", "Headteacher, Oak Primary", "Northfield Council", "Conseil départemental", "NHS Trust",
        "کونسل برائے تعلیم", "શાળા સમિતિ", "市役所", "Youth Service", "Citizens Advice 🏛️",
    ]
    static let bodies = ["Schools", "PCSOs", "Youth workers", "the Council", "Oak Primary", "Åsa's team", "ضلعی دفتر", "全員"]
    static let words = [
        "review", "the", "training", "dates", "with", "schools", "and", "agree", "budget", "for", "next", "term",
        "safeguarding", "policy", "draft", "circulate", "to", "all", "members", "before", "meeting", "leaflet",
        "translate", "into", "community", "languages", "café", "rota", "naïve", "résumé", "coördinate", "volunteers",
        "update", "website", "report", "back", "on", "funding", "bid", "Łódź", "visit", "São", "Paulo", "e-mail",
        "organisation", "venue", "booking", "parents'", "evening", "survey", "results", "share", "analysis",
        "Ærø", "Zürich", "façade", "repairs", "quote", "from", "contractor", "minutes", "approved", "as", "read",
        "a", "of", "in", "by", "at", "risk", "register", "CCTV", "audit", "DBS", "checks", "outstanding",
    ]
    static let phrases = [
        "اجلاس کی کارروائی", "والدین سے رابطہ", "ગુજરાતી અનુવાદ", "શાળા સભા", "会議の議事録", "予算の確認", "안전 교육",
        "Ελληνική μετάφραση", "отчёт готов", "👍🏽", "🎉", "👩‍💻", "🇬🇧", "❤️", "e\u{301}te\u{301}", "ﷺ", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    ]
    static let awkward = ["\"quoted\"", "back\\slash", "line\nbreak", "tab\there", "\u{200F}rtl mark", "50% \"done\""]

    /// Text of roughly `words` words: mostly English, some other scripts, rarely characters the
    /// writer has to escape.
    mutating func text(words count: ClosedRange<Int>) -> String {
        var out = ""
        let n = rng.within(count)
        for i in 0..<n {
            if i > 0 { out += " " }
            let r = rng.below(1000)
            if r < 120 { out += rng.pick(Self.phrases) } else if r < 128 { out += rng.pick(Self.awkward) } else {
                out += rng.pick(Self.words)
            }
        }
        return out.prefix(1).uppercased() + out.dropFirst()
    }

    // MARK: - The simulation

    struct GroupSim {
        let slug: String
        var projects: [Int]
        /// Each project's event id: entries name their project as `slug/N@id`, as writers of
        /// format 2 do.
        var projectIDs: [Int: EventID] = [:]
        let interval: Int
        var next: Day
        var meetings = 0
        /// Open follow-ups: id, project number, owners.
        var open: [(id: EventID, project: Int, owners: [Owner])] = []
        /// Recent items that may be amended or retracted.
        var recent: [(id: EventID, kind: ItemKind, project: Int)] = []
    }

    private var people: [Person] = []
    private var clock: Int64 = 0
    private var count = 0
    private var out: BufferedFile?
    private var summary = Summary()

    /// Writes the journal to `path` (through a temporary file renamed into place).
    mutating func write(to path: String) throws -> Summary {
        let temp = path + ".partial"
        let file = try BufferedFile(path: temp)
        out = file
        try file.appendLine(EventWriter.header)
        // 2001-01-08 08:00 UTC.
        let start = Day(year: 2001, month: 1, day: 8)!
        clock = Int64(start.ordinal) * 86_400_000 + 8 * 3_600_000

        try writeDirectory()
        var sims: [GroupSim] = []
        for g in 0..<groups where count < events {
            sims.append(try writeGroup(g, start: start))
        }
        summary.groups = sims.count
        while count < events, !sims.isEmpty {
            var k = 0
            for i in sims.indices where sims[i].next < sims[k].next { k = i }
            try holdMeeting(&sims[k])
        }
        try file.close()
        out = nil
        guard rename(temp, path) == 0 else { throw BenchError("cannot rename \(temp) to \(path)") }
        summary.events = count
        summary.bytes = file.bytesWritten
        return summary
    }

    /// Writes one event, stamped a few seconds after the previous one. Returns false (and
    /// writes nothing) once the journal has all its events.
    @discardableResult
    private mutating func emit(_ body: EventBody) throws -> EventID? {
        guard count < events else { return nil }
        clock += Int64(rng.within(1_000...20_000))
        let event = Event(id: EventID.random(using: &rng), timestamp: Timestamp(milliseconds: clock), body: body)
        try out!.appendLine(EventWriter.line(for: event))
        count += 1
        return event.id
    }

    private mutating func writeDirectory() throws {
        var used = Set<String>()
        let target = 64
        var attempt = 0
        while people.count < target, attempt < 10_000 {
            attempt += 1
            let f = rng.pick(Self.firstNames), l = rng.pick(Self.lastNames)
            var initials = f.1 + l.1
            if used.contains(initials) {
                initials += String(UnicodeScalar(UInt8(65 + rng.below(26))))
            }
            guard !used.contains(initials) else { continue }
            used.insert(initials)
            let org: String? = rng.chance(0.7) ? rng.pick(Self.organisations) : nil
            let p = Person(initials: initials, name: f.0 + " " + l.0, organisation: org)
            people.append(p)
            try emit(.person(p))
        }
        summary.people = people.count
    }

    private mutating func initials() -> String { rng.pick(people).initials }

    private mutating func owners() -> [Owner] {
        let n = rng.chance(0.8) ? 1 : 2
        var list: [Owner] = []
        for _ in 0..<n {
            let o: Owner = rng.chance(0.85) ? .initials(initials()) : .named(rng.pick(Self.bodies))
            if !list.contains(o) { list.append(o) }
        }
        return list
    }

    private mutating func writeGroup(_ g: Int, start: Day) throws -> GroupSim {
        let slug = "wg\(g + 1)-" + ["safe", "schools", "health", "roads", "youth", "parks"][g % 6]
        try emit(.group(slug: slug, name: "Working group \(g + 1): " + text(words: 2...4), lead: initials()))
        if rng.chance(0.5) {
            try emit(.plan(.group(slug), PlanFields(aim: text(words: 5...10), priorities: [text(words: 3...6), text(words: 3...6)])))
        }
        var sim = GroupSim(slug: slug, projects: [], interval: 14 + 7 * (g % 5), next: start.adding(days: (g * 5) % 45))
        for _ in 0..<rng.within(4...7) { try addProject(&sim) }
        return sim
    }

    private mutating func addProject(_ sim: inout GroupSim) throws {
        let n = (sim.projects.last ?? 0) + 1
        guard let id = try emit(.project(ProjectRef(group: sim.slug, number: n), headline: text(words: 3...7))) else { return }
        sim.projects.append(n)
        sim.projectIDs[n] = id
        if rng.chance(0.4) {
            try emit(.plan(.project(ProjectRef(group: sim.slug, number: n, id: id)),
                           PlanFields(lead: initials(), aim: text(words: 4...9), links: ["https://example.org/p/\(n)"])))
        }
    }

    private mutating func holdMeeting(_ sim: inout GroupSim) throws {
        let clockDay = Int32(clock / 86_400_000)
        let day = Day(ordinal: max(sim.next.ordinal, clockDay))
        let startOfDay = Int64(day.ordinal) * 86_400_000 + 9 * 3_600_000 + Int64(rng.below(3_600_000))
        clock = max(clock, startOfDay)
        sim.next = day.adding(days: sim.interval + rng.within(-2...2))
        sim.meetings += 1
        summary.meetings += 1

        var present: [String] = []
        for _ in 0..<rng.within(3...8) { let i = initials(); if !present.contains(i) { present.append(i) } }
        var apologies: [String] = []
        for _ in 0..<rng.within(0...2) { let i = initials(); if !present.contains(i), !apologies.contains(i) { apologies.append(i) } }
        try emit(.meeting(MeetingFields(group: sim.slug, date: day, present: present, apologies: apologies,
                                        chair: present.first, minuteTaker: present.last, next: sim.next)))
        if sim.meetings > 10, sim.projects.count < 12, rng.chance(0.03), Int32(clock / 86_400_000) == day.ordinal {
            try addProject(&sim)
        }

        // Review the follow-ups carried into this meeting.
        var stillOpen: [(id: EventID, project: Int, owners: [Owner])] = []
        for f in sim.open {
            let r = rng.below(100)
            if r < 40 {
                try emit(.done(ref: f.id, meeting: day, outcome: rng.chance(0.5) ? text(words: 3...8) : nil))
            } else if r < 50 {
                try emit(.drop(ref: f.id, meeting: day, reason: text(words: 2...6)))
            } else if r < 75 {
                try emit(.carry(ref: f.id, meeting: day))
                stillOpen.append(f)
            } else if r < 85 {
                let o = owners()
                try emit(.reassign(ref: f.id, meeting: day, owners: o))
                stillOpen.append((f.id, f.project, o))
            } else {
                stillOpen.append(f)
            }
        }
        sim.open = stillOpen

        // Each project: notes, follow-ups, the odd action, a rating.
        for n in sim.projects {
            let ref = ProjectRef(group: sim.slug, number: n, id: sim.projectIDs[n])
            let notes = [1, 1, 2, 2, 3][rng.below(5)]
            for _ in 0..<notes {
                if let id = try emit(.note(ref, meeting: day, text: text(words: 4...9))) {
                    sim.recent.append((id, .note, n))
                }
            }
            for _ in 0..<[0, 1, 1, 2][rng.below(4)] {
                let o = owners()
                if let id = try emit(.todo(ref, meeting: day, owners: o, text: text(words: 3...8))) {
                    sim.open.append((id, n, o))
                    sim.recent.append((id, .followUp, n))
                }
            }
            if rng.chance(0.12), let id = try emit(.action(ref, meeting: day, text: text(words: 3...7))) {
                sim.recent.append((id, .action, n))
            }
            if rng.chance(0.5) {
                let rating = Rating.allCases[rng.below(4)]
                try emit(.rate(ref, meeting: day, rating: rating, comment: rng.chance(0.5) ? text(words: 2...6) : nil))
            }
            if rng.chance(0.01) {
                try emit(.plan(.project(ref), PlanFields(lead: initials(), end: day.adding(days: 365))))
            }
        }

        // Corrections of recent items: amendments, now and then a retraction.
        if sim.recent.count > 40 { sim.recent.removeFirst(sim.recent.count - 40) }
        if rng.chance(0.3), !sim.recent.isEmpty {
            let k = rng.below(sim.recent.count)
            let item = sim.recent[k]
            let newOwners: [Owner]? = item.kind == .followUp && rng.chance(0.3) ? owners() : nil
            try emit(.amend(ref: item.id, text: text(words: 3...8), owners: newOwners))
            if let newOwners, let i = sim.open.firstIndex(where: { $0.id == item.id }) { sim.open[i].owners = newOwners }
        }
        if rng.chance(0.05), !sim.recent.isEmpty {
            let item = sim.recent.remove(at: rng.below(sim.recent.count))
            try emit(.retract(ref: item.id, reason: rng.chance(0.5) ? "recorded twice" : nil))
            sim.open.removeAll { $0.id == item.id }
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
