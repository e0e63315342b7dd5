/// A field's key: every name an event line may use before `=`.
public enum FieldKey: Int, CaseIterable, Sendable {
    case initials, name, org, slug, lead, group, number, headline, date, present, apology, chair,
         minutes, next, project, meeting, text, owner, ref, outcome, reason, rating, comment, aim,
         start, end, link, priority, base, source, email, guest,
         title, purpose, approach, resource, issue, baseline, success, plans, target, context, code, lang,
         timing, clear

    public var name: String { String(describing: self) }
    var bit: UInt64 { 1 << UInt64(rawValue) }
}

/// Which meeting an event belongs to, which decides the as-of replays (the minutes of a
/// meeting, look-back, `show --as-of`) it is part of. See docs/journal-format.md, section 8.
public enum AsOfRule: Sendable {
    /// The directory and the groups' structure: applied in every view.
    case always
    /// A meeting: its own date.
    case ownDate
    /// Content recorded at a meeting (actions, notes, follow-ups, ratings): its `meeting=`;
    /// without one, the group's latest meeting at that point of replay; with no meeting yet,
    /// set-up content, part of every meeting's minutes.
    case meetingOrSetUp
    /// A decision on a follow-up: its `meeting=`; without one, the day it was recorded (a
    /// follow-up closed between meetings).
    case meetingOrDay
    /// A plan: its `meeting=`; before the group's first meeting, set-up; else the day it was
    /// recorded (a plan belongs to a period, not to a meeting).
    case planPeriod
    /// A correction (amend, retract): wherever the event it corrects is.
    case followsTarget
}

/// Everything the format says about one kind of event, in one place: the fields it takes,
/// the order writers write them in, and which views it belongs to. The parser's shapes, the
/// writer's order, as-of replay and the kinds table of docs/journal-format.md all come from
/// here (the last is checked by `FormatDocTests`); the `switch` in `spec` has no default, so
/// a new kind does not compile until it has one.
public struct KindSpec: Sendable {
    public let required: [FieldKey]
    public let optional: [FieldKey]
    public let repeated: [FieldKey]
    /// Every field, in the order writers write them.
    public let writtenOrder: [FieldKey]
    public let asOf: AsOfRule

    var requiredMask: UInt64 { required.reduce(0) { $0 | $1.bit } }
    var optionalMask: UInt64 { optional.reduce(0) { $0 | $1.bit } }
    var repeatedMask: UInt64 { repeated.reduce(0) { $0 | $1.bit } }
}

extension EventKind {
    /// This kind's fields and rules. `source` is optional on every kind (see `Event`).
    public var spec: KindSpec {
        func spec(_ required: [FieldKey], optional: [FieldKey] = [], repeated: [FieldKey] = [],
                  order: [FieldKey], _ asOf: AsOfRule) -> KindSpec {
            KindSpec(required: required, optional: optional + [.source], repeated: repeated,
                     writtenOrder: order + [.source], asOf: asOf)
        }
        switch self {
        case .person:
            return spec([.initials, .name], optional: [.org, .email], order: [.initials, .name, .org, .email], .always)
        case .group:
            return spec([.slug, .name], optional: [.lead], order: [.slug, .name, .lead], .always)
        case .project:
            return spec([.group, .number, .headline], order: [.group, .number, .headline], .always)
        case .meeting:
            return spec([.group, .date], optional: [.chair, .minutes, .next], repeated: [.present, .apology, .guest],
                        order: [.group, .date, .present, .apology, .guest, .chair, .minutes, .next], .ownDate)
        case .action:
            return spec([.project, .text], optional: [.meeting], order: [.project, .meeting, .text], .meetingOrSetUp)
        case .note:
            return spec([.project, .text], optional: [.meeting], order: [.project, .meeting, .text], .meetingOrSetUp)
        case .todo:
            return spec([.project, .text], optional: [.meeting], repeated: [.owner],
                        order: [.project, .meeting, .owner, .text], .meetingOrSetUp)
        case .done:
            return spec([.ref], optional: [.meeting, .outcome], order: [.ref, .meeting, .outcome], .meetingOrDay)
        case .drop:
            return spec([.ref, .reason], optional: [.meeting], order: [.ref, .meeting, .reason], .meetingOrDay)
        case .reassign:
            return spec([.ref], optional: [.meeting], repeated: [.owner], order: [.ref, .meeting, .owner], .meetingOrDay)
        case .carry:
            return spec([.ref], optional: [.meeting], order: [.ref, .meeting], .meetingOrDay)
        case .rate:
            return spec([.project, .rating], optional: [.meeting, .comment],
                        order: [.project, .meeting, .rating, .comment], .meetingOrSetUp)
        case .amend:
            return spec([.ref, .text], optional: [.base], repeated: [.owner], order: [.ref, .base, .owner, .text], .followsTarget)
        case .retract:
            return spec([.ref], optional: [.reason], order: [.ref, .reason], .followsTarget)
        case .plan:
            return spec([], optional: [.group, .project, .ref, .meeting, .title, .lang, .lead, .aim, .purpose, .resource, .start, .end,
                                       .baseline, .plans, .context, .code, .timing],
                        repeated: [.link, .priority, .approach, .issue, .success, .target, .owner, .clear],
                        order: [.group, .project, .ref, .meeting, .clear, .title, .lang, .lead, .aim, .purpose, .start, .end,
                                .link, .priority, .approach, .resource, .issue, .baseline, .success, .plans, .target,
                                .context, .code, .owner, .timing], .planPeriod)
        case .decision:
            return spec([.project, .text], optional: [.meeting], order: [.project, .meeting, .text], .meetingOrSetUp)
        case .aob:
            return spec([.group, .text], optional: [.meeting], order: [.group, .meeting, .text], .meetingOrSetUp)
        case .approve:
            // `date` is the meeting whose minutes were approved, `meeting` the one that approved
            // them, `text` the amendments made first. Whether minutes are approved is about the
            // document, so every view (the minutes of the approved meeting included) sees it.
            return spec([.group, .date, .meeting], optional: [.text], order: [.group, .date, .meeting, .text], .always)
        case .due:
            return spec([.ref, .date], optional: [.meeting], order: [.ref, .meeting, .date], .meetingOrDay)
        case .confidential:
            return spec([.ref], order: [.ref], .followsTarget)
        }
    }
}
