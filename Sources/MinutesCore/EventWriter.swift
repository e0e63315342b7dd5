/// Writes events as journal lines, in the canonical field order the format spec gives.
///
/// The writer's output is what the parser reads back exactly (`parse(write(e)) == e`),
/// which a randomised round-trip test checks.
public enum EventWriter {
    /// The format version new journals are written in.
    public static let currentVersion = 2
    /// The versions this program reads (and writes: a journal is written in its own version).
    public static let readableVersions = 1...2
    /// The first line of a new journal: the format's name and version.
    public static let header = header(version: currentVersion)

    public static func header(version: Int) -> String { "minutes-journal \(version)" }

    /// One event as one line, without the trailing newline. Fields are written in the order
    /// of `EventKind.spec.writtenOrder` (checked by `FormatDocTests`).
    public static func line(for event: Event) -> String { line(for: event, source: nil) }

    /// The line of an event that came from elsewhere, with its `source` (see `Event`).
    public static func line(for event: Event, source: String?) -> String {
        var out = event.timestamp.iso
        out.reserveCapacity(128)
        out.append(" ")
        out.append(event.id.text)
        out.append(" ")
        out.append(event.kind.rawValue)
        func field(_ key: String, _ value: String?) {
            guard let value else { return }
            out.append(" ")
            out.append(key)
            out.append("=")
            if JournalText.isBare(value) { out.append(value) } else { JournalText.appendQuoted(value, to: &out) }
        }
        func owners(_ list: [Owner]) { for o in list { field("owner", o.label) } }
        switch event.body {
        case .person(let p):
            field("initials", p.initials)
            field("name", p.name)
            field("org", p.organisation)
            field("email", p.email)
        case .group(let slug, let name, let lead):
            field("slug", slug)
            field("name", name)
            field("lead", lead)
        case .project(let ref, let headline):
            field("group", ref.group)
            field("number", String(ref.number))
            field("headline", headline)
        case .meeting(let m):
            field("group", m.group)
            field("date", m.date.iso)
            for p in m.present { field("present", p) }
            for a in m.apologies { field("apology", a) }
            for g in m.inAttendance { field("guest", g) }
            field("chair", m.chair)
            field("minutes", m.minuteTaker)
            field("next", m.next?.iso)
        case .action(let ref, let meeting, let text), .note(let ref, let meeting, let text),
             .decision(let ref, let meeting, let text):
            field("project", ref.journalValue)
            field("meeting", meeting?.iso)
            field("text", text)
        case .todo(let ref, let meeting, let list, let text):
            field("project", ref.journalValue)
            field("meeting", meeting?.iso)
            owners(list)
            field("text", text)
        case .done(let ref, let meeting, let outcome):
            field("ref", ref.text)
            field("meeting", meeting?.iso)
            field("outcome", outcome)
        case .drop(let ref, let meeting, let reason):
            field("ref", ref.text)
            field("meeting", meeting?.iso)
            field("reason", reason)
        case .reassign(let ref, let meeting, let list):
            field("ref", ref.text)
            field("meeting", meeting?.iso)
            owners(list)
        case .carry(let ref, let meeting):
            field("ref", ref.text)
            field("meeting", meeting?.iso)
        case .rate(let ref, let meeting, let rating, let comment):
            field("project", ref.journalValue)
            field("meeting", meeting?.iso)
            field("rating", rating.rawValue)
            field("comment", comment)
        case .amend(let ref, let text, let list, let base):
            field("ref", ref.text)
            field("base", base?.text)
            if let list { owners(list) }
            field("text", text)
        case .retract(let ref, let reason):
            field("ref", ref.text)
            field("reason", reason)
        case .plan(let target, let p):
            switch target {
            case .group(let g): field("group", g)
            case .project(let ref): field("project", ref.journalValue)
            case .action(let ref): field("ref", ref.text)
            }
            field("meeting", p.meeting?.iso)
            for c in p.clear { field("clear", c.rawValue) }
            field("title", p.title)
            field("lang", p.language)
            field("lead", p.lead)
            field("aim", p.aim)
            field("purpose", p.statement)
            field("start", p.startDate?.journalValue)
            field("end", p.endDate?.journalValue)
            for l in p.links { field("link", l) }
            for pr in p.priorities { field("priority", pr) }
            for a in p.approaches { field("approach", a.journalValue) }
            field("resource", p.resources)
            for i in p.issues { field("issue", i) }
            field("baseline", p.baseline)
            for c in p.success { field("success", c) }
            field("plans", p.actionPlans)
            for t in p.targets { field("target", t) }
            field("context", p.background)
            field("code", p.code)
            owners(p.owners)
            field("timing", p.timescale)
        case .aob(let group, let meeting, let text):
            field("group", group)
            field("meeting", meeting?.iso)
            field("text", text)
        case .approve(let group, let meeting, let at, let amendments):
            field("group", group)
            field("date", meeting.iso)
            field("meeting", at.iso)
            field("text", amendments)
        case .due(let ref, let meeting, let date):
            field("ref", ref.text)
            field("meeting", meeting?.iso)
            field("date", date.iso)
        case .confidential(let ref):
            field("ref", ref.text)
        }
        field("source", source)
        return out
    }
}
