import Foundation
import MinutesCore

/// The journal's state as JSON: what `show --json` and `todo --json` print.
///
/// Only what the journal says, never where it says it (no line numbers, no file offsets),
/// in a fixed order (people by initials, groups by slug, projects by number, meetings by
/// date, items in replay order) with sorted keys, so two journals holding the same lines in
/// another order print the same bytes.
enum StateJSON {
    struct Document: Encodable {
        var asOf: String?
        var people: [PersonJSON]
        var groups: [GroupJSON]
    }

    struct PersonJSON: Encodable {
        var initials: String
        var name: String
        var organisation: String?
    }

    struct GroupJSON: Encodable {
        var slug: String
        var name: String
        var lead: String?
        var aim: String?
        var priorities: [String]
        var meetings: [MeetingJSON]
        var projects: [ProjectJSON]
    }

    struct MeetingJSON: Encodable {
        var date: String
        var present: [String]
        var apologies: [String]
        var chair: String?
        var minutes: String?
        var next: String?
    }

    struct PlanJSON: Encodable {
        var lead: String?
        var aim: String?
        var start: String?
        var end: String?
        var links: [String]
    }

    struct ProjectJSON: Encodable {
        var project: String
        var group: String
        var number: Int
        var id: String
        var headline: String
        var plan: PlanJSON?
        var actions: [ActionJSON]
        var notes: [NoteJSON]
        var followUps: [FollowUpJSON]
        var ratings: [RatingJSON]
        /// Left out when the project has none (so journals without decisions print as before).
        var decisions: [NoteJSON]?
    }

    struct ActionJSON: Encodable {
        var id: String
        var text: String
    }

    struct NoteJSON: Encodable {
        var id: String
        var meeting: String
        var text: String
    }

    struct FollowUpJSON: Encodable {
        var id: String
        var group: String
        var project: String
        var owners: [String]
        var text: String
        var raised: String
        var state: String
        var carried: Int
        var outcome: String?
        var reason: String?
        var closed: String?
    }

    struct RatingJSON: Encodable {
        var meeting: String
        var rating: String
        var comment: String?
    }

    // MARK: - Building

    static func document(_ state: MinutesState, groups slugs: [String], project: ProjectRef? = nil) -> Document {
        Document(
            asOf: state.asOf?.iso,
            people: state.directory.map { PersonJSON(initials: $0.initials, name: $0.name, organisation: $0.organisation) },
            groups: slugs.sorted().compactMap { slug in state.groups[slug].map { group($0, state, only: project) } })
    }

    static func group(_ g: Group, _ state: MinutesState, only: ProjectRef?) -> GroupJSON {
        GroupJSON(
            slug: g.slug, name: g.name, lead: g.lead, aim: g.aim, priorities: g.priorities,
            meetings: g.meetings.map {
                MeetingJSON(date: $0.date.iso, present: $0.present, apologies: $0.apologies,
                            chair: $0.chair, minutes: $0.minuteTaker, next: $0.next?.iso)
            },
            projects: state.projects(in: g.slug)
                .filter { only == nil || $0.ref == only }
                .sorted { $0.ref < $1.ref }
                .map { project($0, state) })
    }

    static func project(_ p: Project, _ state: MinutesState) -> ProjectJSON {
        let plan = p.plan.isEmpty ? nil : PlanJSON(lead: p.plan.lead, aim: p.plan.aim, start: p.plan.start?.iso,
                                                   end: p.plan.end?.iso, links: p.plan.links)
        return ProjectJSON(
            project: p.ref.text, group: p.ref.group, number: p.ref.number, id: p.id.text, headline: p.headline,
            plan: plan,
            actions: state.actions(of: p.ref).map { ActionJSON(id: $0.id.text, text: $0.text) },
            notes: state.notes(of: p.ref).map { NoteJSON(id: $0.id.text, meeting: $0.meeting.iso, text: $0.text) },
            followUps: state.followUps(of: p.ref).map { followUp($0, carried: state.carriedCount($0)) },
            ratings: p.ratings.map { RatingJSON(meeting: $0.meeting.iso, rating: $0.rating.rawValue, comment: $0.comment) },
            decisions: p.decisions.isEmpty ? nil
                : state.decisions(of: p.ref).map { NoteJSON(id: $0.id.text, meeting: $0.meeting.iso, text: $0.text) })
    }

    static func followUp(_ item: Item, carried: Int) -> FollowUpJSON {
        var f = FollowUpJSON(
            id: item.id.text, group: item.project.group, project: item.project.text,
            owners: item.owners.map(\.label), text: item.text, raised: item.meeting.iso,
            state: item.state.word, carried: carried)
        switch item.state {
        case .open: break
        case .done(let outcome, let on):
            f.outcome = outcome
            f.closed = on.iso
        case .dropped(let reason, let on):
            f.reason = reason
            f.closed = on.iso
        }
        return f
    }

    // MARK: - Encoding

    /// Deterministic JSON: sorted keys, pretty-printed, terminal-safe escapes, one final newline.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return TerminalSafeText.cleanJSON(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
