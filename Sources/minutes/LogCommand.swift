import ArgumentParser
import Foundation
import MinutesCore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the history of a project or of one action, note or follow-up.",
        discussion: """
            For a project (GROUP/N): every event touching it, in the order replay applies them, \
            with the time it was recorded (UTC). \
            For an id (or any unique start of one): the item's life, from raised through \
            carried, amended, reassigned, to done or dropped.
            Examples: minutes log be-safe/2; minutes log 4k7q
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("A project as GROUP/N, or an item's id or a unique start of it.", valueName: "ref"))
    var ref: String

    func run() throws {
        let state = try journal.loadWarning().state
        if ref.contains("/") {
            let project = try Inputs.project(ref, in: state, argument: "<ref>")
            try logProject(project, state: state)
            return
        }
        let id = try IDLookup.resolve(ref, in: state, kind: nil, argument: "<ref>")
        if let project = state.projects.values.first(where: { $0.id == id }) {
            try logProject(project, state: state)
            return
        }
        let itemID = state.items[id] != nil ? id
            : state.items.values.first(where: { $0.changes.contains { $0.id == id } })?.id
        guard let itemID, let item = state.items[itemID] else {
            throw CLIError.data("<ref>: \(id) is not a project, action, note or follow-up; nothing to log")
        }
        var out = ["\(IDLookup.label(item.kind)) \(item.id) in \(item.project): \(FollowUpTarget.phrase(item))"]
        if item.kind == .followUp {
            var status = item.state.word
            if item.state.isOpen {
                let carried = state.carriedCount(item)
                if carried > 0 { status += ", carried \(carried) meeting\(carried == 1 ? "" : "s")" }
            }
            out[0] += "  [\(status)]"
        }
        for e in state.history(of: itemID) {
            out.append("  \(e.day.iso)  \(e.summary)" + (e.isRetracted ? "  (retracted)" : "")
                + (e.id != item.id ? "  [\(e.id)]" : ""))
        }
        Output.lines(out)
    }

    /// Every event that touches the project, read again from the journal's lines.
    func logProject(_ project: Project, state: MinutesState) throws {
        let events = try ProjectLog.events(path: journal.path, project: project, state: state)
        var out = ["\(project.ref)  \(project.headline)"]
        for e in events {
            out.append("  " + ProjectLog.describe(e, state: state))
        }
        Output.lines(out)
    }
}

/// A project's events, straight from the journal.
enum ProjectLog {
    static func events(path: String, project: Project, state: MinutesState) throws -> [Event] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.data("\(path): cannot read the journal")
        }
        var parser = JournalParser()
        var all: [Event] = []
        var seen = Set<EventID>()
        // Complete lines only; a torn last line is not part of the journal.
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()
        for (n, line) in lines.enumerated() where n > 0 {
            if case .event(let e) = parser.parse(String(decoding: line, as: UTF8.self), number: n + 1),
               seen.insert(e.id).inserted {
                all.append(e)
            }
        }
        all.sort(by: Event.replayOrder)
        var touching: Set<EventID> = []
        var changed = true
        while changed {
            changed = false
            for e in all where !touching.contains(e.id) {
                let direct: Bool
                // Projects are matched by identity: a line's label may be one a merge changed.
                switch e.body {
                case .project: direct = e.id == project.id
                case .action(let r, _, _), .note(let r, _, _), .todo(let r, _, _, _), .rate(let r, _, _, _),
                     .plan(.project(let r), _), .decision(let r, _, _):
                    direct = state.project(r)?.id == project.id
                case .person, .group, .meeting, .done, .drop, .reassign, .carry, .amend, .retract, .plan(.group, _),
                     .plan(.action, _), .aob, .approve, .due, .confidential:
                    direct = false
                }
                if direct || e.body.ref.map(touching.contains) == true {
                    touching.insert(e.id)
                    changed = true
                }
            }
        }
        return all.filter { e in
            guard touching.contains(e.id) else { return false }
            guard let asOf = state.asOf, let day = state.effectiveDay(of: e) else { return true }
            return day <= asOf
        }
    }

    /// One line per event: when it was recorded (UTC), its id, and what it says.
    static func describe(_ e: Event, state: MinutesState) -> String {
        let label: String
        var detail: String?
        switch e.body {
        case .project(_, let headline): label = "project added"; detail = headline
        case .action(_, _, let text): label = "action"; detail = text
        case .note(_, _, let text): label = "note"; detail = text
        case .todo(_, _, let owners, let text):
            label = "follow-up"
            detail = (owners.isEmpty ? "" : Owner.phrase(owners) + " to ") + text
        case .done(let r, _, let outcome): label = "done \(r)"; detail = outcome
        case .drop(let r, _, let reason): label = "dropped \(r)"; detail = reason
        case .reassign(let r, _, let owners): label = "reassigned \(r) to \(Owner.phrase(owners))"
        case .carry(let r, _): label = "reviewed \(r) and carried it on"
        case .rate(_, _, let rating, let comment): label = "rated \(rating.title)"; detail = comment
        case .amend(let r, let text, let owners, _):
            label = "amended \(r)"
            detail = (owners.map { Owner.phrase($0) + " to " } ?? "") + text
        case .retract(let r, let reason): label = "retracted \(r)"; detail = reason
        case .plan(_, let f):
            label = "plan"
            detail = f.summary
        case .person(let p): label = "person \(p.initials)"; detail = p.name
        case .group(let slug, let name, _): label = "group \(slug)"; detail = name
        case .meeting(let m): label = "meeting of \(m.group)"; detail = m.date.long
        case .decision(_, _, let text): label = "decision"; detail = text
        case .aob(let g, _, let text): label = "any other business of \(g)"; detail = text
        case .approve(let g, let m, _, let amendments):
            label = "minutes of \(g) of \(m.long) approved"
            detail = amendments.map { "with amendments: " + $0 }
        case .due(let r, _, let date): label = "\(r) due by \(date.long)"
        case .confidential(let r): label = "\(r) marked confidential"
        }
        let at = e.body.meeting.map { " (meeting of \($0.long))" } ?? ""
        let recorded = e.timestamp.iso
        return "\(recorded.prefix(10)) \(recorded.dropFirst(11).prefix(5))  \(e.id)  \(label)\(at)"
            + (detail.map { ": \($0)" } ?? "")
    }
}
