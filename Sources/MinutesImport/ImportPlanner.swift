import Foundation
import MinutesCore

/// Turns what was read from a document into journal entries, leaving out everything the
/// journal already has, so that importing the same file twice adds nothing and next month's
/// document adds only what is new (see docs/import.md for each rule).
public enum ImportPlanner {
    public static func plan(_ doc: ReadMinutes, state: MinutesState, options: ImportOptions) throws -> ImportPlan {
        guard let group = state.groups[options.group] else { throw ImportError.unknownGroup(options.group) }
        guard !doc.projects.isEmpty else { throw ImportError.noProjectTables(tables: doc.tableCount) }
        var notices: [String] = []
        var plan = ImportPlan(group: group.slug, meeting: try meetingDay(doc, options: options, notices: &notices))
        plan.notices = notices
        plan.unread = doc.notices
        var builder = Builder(plan: plan, state: state, group: group, options: options)
        builder.addPeople()
        let m = plan.meeting
        // The "earlier" meeting: the day before the first date the document names.
        let named = doc.projects.flatMap { p in
            p.progress.compactMap { $0.date?.resolved(near: m) } + p.toDo.compactMap { $0.raised?.resolved(near: m) }
        }
        builder.earlier = options.undatedMeeting ?? (named + [m]).min()!.adding(days: -1)
        builder.plan.undatedNamed = options.undatedMeeting != nil
        var seen = Set<Int>()
        for table in doc.projects {
            guard seen.insert(table.number).inserted else {
                builder.plan.unread.append(ReadNotice(place: DocumentPlace(table: table.table),
                                                      message: "skipped: project \(table.number) was already read from an earlier table"))
                continue
            }
            builder.add(table)
        }
        builder.finish(doc)
        if doc.projects.contains(where: { $0.progress.contains { $0.date != nil && $0.date?.year == nil } }) {
            builder.plan.notices.append("dates without a year are read as the last such day on or before \(m.long)")
        }
        return builder.plan
    }

    /// The meeting the document is the minutes of, and where its year came from.
    static func meetingDay(_ doc: ReadMinutes, options: ImportOptions, notices: inout [String]) throws -> Day {
        let header = doc.projects.lazy.compactMap(\.meetingDate).first
        if let given = options.meeting {
            if let header, let d = header.resolved(near: given), d != given {
                notices.append("the tables' heading says \(header), read as the meeting of \(given.long) (--meeting)")
            } else if let header, header.year == nil {
                notices.append("the year, \(given.components.year), is taken from --meeting")
            }
            return given
        }
        if let header, header.year != nil, let d = header.resolved(near: Day(ordinal: 0)) { return d }
        if let date = doc.date, date.year != nil, let d = date.resolved(near: Day(ordinal: 0)) {
            if let header, header.day != date.day || header.month != date.month {
                notices.append("the tables' heading says \(header), the 'Date:' line \(date); read as \(d.long)")
            } else if header != nil {
                notices.append("the year, \(d.components.year), is taken from the document's 'Date:' line")
            }
            return d
        }
        if let header { throw ImportError.noYear(header) }
        throw ImportError.noMeetingDate
    }

    struct Builder {
        var plan: ImportPlan
        let state: MinutesState
        let group: Group
        let options: ImportOptions
        var earlier = Day(ordinal: 0)
        let directory: [Person]
        var meetingDays = Set<Day>()
        var people: [ImportStep] = []
        var structure: [ImportStep] = []
        var items: [(day: Day, step: ImportStep)] = []
        var decisions: [ImportStep] = []
        var owners = Set<String>()
        var unknown = Set<String>()

        init(plan: ImportPlan, state: MinutesState, group: Group, options: ImportOptions) {
            self.plan = plan
            self.state = state
            self.group = group
            self.options = options
            directory = state.directory + options.addPeople.filter { state.person($0.initials) == nil }
        }

        mutating func addPeople() {
            for p in options.addPeople where state.person(p.initials) == nil {
                people.append(.record(.person(p)))
                plan.peopleAdded.append(p)
            }
        }

        mutating func add(_ table: ImportedProject) {
            let m = plan.meeting
            let ref = ProjectRef(group: group.slug, number: table.number)
            let existing = state.projects[ref]
            var summary = ProjectSummary(number: table.number, headline: existing?.headline ?? table.headline ?? "Project \(table.number)",
                                         isNew: existing == nil, table: table.table)
            if existing == nil {
                if table.headline == nil { plan.notices.append("project \(table.number) has no headline in the document; it is called \"Project \(table.number)\"") }
                structure.append(.record(.project(ref, headline: summary.headline)))
            } else if let h = table.headline, Normal.key(h) != Normal.key(existing!.headline) {
                plan.notices.append("project \(table.number)'s headline differs from the journal's; the journal's is kept")
            }
            let dated = table.progress.compactMap { $0.date?.resolved(near: m) }
            let raisedDays = table.toDo.map { $0.raised?.resolved(near: m) ?? m }
            let hasUndated = table.progress.contains { $0.date == nil }
            let earliest = (dated + raisedDays + (hasUndated ? [earlier] : []) + [m]).min()!
            let firstDated = dated.min() ?? m
            let itemsBefore = items.count

            // Actions: agreed when the project started, or at this meeting when it is not new.
            var actionKeys = Set(state.actions(of: ref).map { Normal.key($0.text) })
            for a in table.actions where actionKeys.insert(Normal.key(a.text)).inserted {
                items.append((existing == nil ? earliest : m, .record(.action(ref, meeting: existing == nil ? earliest : m, text: a.text))))
                summary.actions += 1
                meetingDays.insert(existing == nil ? earliest : m)
            }
            summary.alreadyThere += table.actions.count - summary.actions

            // Progress notes, under the meeting each date line names.
            let oldNotes = state.notes(of: ref)
            var noteKeys = Set(oldNotes.map { "\($0.meeting.ordinal) " + Normal.key($0.text) })
            var openEarlier = state.followUps(of: ref).filter { $0.state.isOpen && $0.meeting < m }
            for block in table.progress {
                let day = block.date?.resolved(near: m) ?? earlier
                if block.date == nil { plan.earlierMeeting = earlier }
                for note in block.notes {
                    let key = Normal.key(note.text)
                    // Undated notes went wherever an earlier import put them (--undated, or "earlier").
                    let before = block.date == nil && oldNotes.contains { Normal.key($0.text) == key && $0.meeting <= firstDated }
                    guard !before, noteKeys.insert("\(day.ordinal) " + key).inserted else { summary.alreadyThere += 1; continue }
                    items.append((day, .record(.note(ref, meeting: day, text: note.text))))
                    summary.notes[day, default: 0] += 1
                    meetingDays.insert(day)
                    // An earlier follow-up reported as progress is done at that meeting.
                    if let k = openEarlier.firstIndex(where: { $0.meeting < day && Self.sameFollowUp($0, key) }) {
                        decisions.append(.record(.done(ref: openEarlier[k].id, meeting: day, outcome: note.text)))
                        summary.doneFollowUps += 1
                        openEarlier.remove(at: k)
                    }
                }
            }

            // Follow-ups: new ones raised at this meeting (or the one "(from …)" names).
            var taken = Set<EventID>()
            var newKeys = Set<String>()
            for entry in table.toDo {
                let parsed = OwnerParser.parse(entry.text, people: directory)
                let text = parsed.text.isEmpty ? entry.text : parsed.text
                let key = Normal.key(text)
                for o in parsed.owners { owners.insert(o.label) }
                for i in parsed.unknownInitials { unknown.insert(i) }
                if let old = state.followUps(of: ref).first(where: { Normal.key($0.text) == key && !taken.contains($0.id) }) {
                    taken.insert(old.id)
                    openEarlier.removeAll { $0.id == old.id }
                    if entry.isDone, old.state.isOpen {
                        decisions.append(.record(.done(ref: old.id, meeting: m, outcome: nil)))
                        summary.doneFollowUps += 1
                    } else if old.state.isOpen, !parsed.owners.isEmpty, parsed.owners.map(\.key) != old.owners.map(\.key),
                              m > Self.ownersSetOn(old) {
                        // Only a later document changes hands: an older one re-imported does not undo it.
                        decisions.append(.record(.reassign(ref: old.id, meeting: m, owners: parsed.owners)))
                        summary.reassigned += 1
                    } else {
                        summary.carried += 1
                    }
                    continue
                }
                guard newKeys.insert(key).inserted else { summary.alreadyThere += 1; continue }
                let raised = entry.raised?.resolved(near: m) ?? m
                let todo = EventBody.todo(ref, meeting: raised, owners: parsed.owners, text: text)
                items.append((raised, entry.isDone ? .recordDone(todo: todo, meeting: m) : .record(todo)))
                meetingDays.insert(raised)
                if entry.isDone { meetingDays.insert(m); summary.doneFollowUps += 1 } else { summary.newFollowUps += 1 }
                if parsed.owners.isEmpty {
                    summary.unowned += 1
                    plan.unread.append(ReadNotice(place: entry.place, message: "follow-up with no owner, kept as it is: \"\(entry.text)\""))
                }
            }
            for item in openEarlier {
                plan.leftOpen.append("project \(table.number): \"\(Owner.phrase(item.owners))\(item.owners.isEmpty ? "" : " to ")\(item.text)\" (from \(item.meeting.long))")
            }

            // The plan: the lead the document names, and a start no later than the oldest note,
            // so that notes of past meetings are not reported as older than their project.
            var fields = PlanFields()
            if let lead = table.lead, existing?.plan.lead != lead { fields.lead = lead }
            let startsOn = existing.map { min($0.createdOn, $0.plan.start ?? $0.createdOn) }
            let newDays = items[itemsBefore...].map(\.day)
            if let first = ([earliest] + newDays).min(), startsOn.map({ first < $0 }) ?? true { fields.start = first }
            if summary.newEntries > 0 || existing == nil, !fields.isEmpty { structure.append(.record(.plan(.project(ref), fields))) }
            plan.projects.append(summary)
        }

        /// The meeting the follow-up's owners were last set at: raised, or reassigned since.
        static func ownersSetOn(_ item: Item) -> Day {
            item.changes.reduce(item.meeting) { day, c in
                if case .reassign = c.kind, !c.isRetracted { return max(day, c.date) }
                return day
            }
        }

        /// A note that repeats a follow-up, with or without its owners in front.
        static func sameFollowUp(_ item: Item, _ key: String) -> Bool {
            key == Normal.key(item.text) || key == Normal.key(Owner.phrase(item.owners) + " to " + item.text)
        }

        mutating func finish(_ doc: ReadMinutes) {
            let m = plan.meeting
            meetingDays.insert(m)
            var meetings: [ImportStep] = []
            for day in meetingDays.sorted() {
                let exists = group.hasMeeting(on: day)
                var fields = MeetingFields(group: group.slug, date: day)
                if day == m {
                    let known = group.meeting(on: day)
                    let attendee = { (name: String) -> String in
                        let upper = name.uppercased()
                        return Owner.looksLikeInitials(upper) && state.person(upper) != nil ? upper : name
                    }
                    fields.present = doc.present.map(attendee).filter { !(known?.present.contains($0) ?? false) }
                    fields.apologies = doc.apologies.map(attendee).filter { !(known?.apologies.contains($0) ?? false) }
                    fields.chair = doc.chair.map(attendee).flatMap { $0 == known?.chair ? nil : $0 }
                    fields.minuteTaker = doc.minuteTaker.map(attendee).flatMap { $0 == known?.minuteTaker ? nil : $0 }
                    fields.next = doc.next.flatMap { n in
                        n.year.flatMap { Day(year: $0, month: n.month, day: n.day) }
                            ?? Day(year: m.components.year, month: n.month, day: n.day).map { $0 > m ? $0 : Day(year: m.components.year + 1, month: n.month, day: n.day)! }
                    }.flatMap { $0 == known?.next ? nil : $0 }
                    let adds = !fields.present.isEmpty || !fields.apologies.isEmpty || fields.chair != nil || fields.minuteTaker != nil || fields.next != nil
                    if exists && !adds { continue }
                } else if exists {
                    continue
                }
                // Days are here only when something is added under them (or for the document's own meeting).
                if !exists { plan.meetingsAdded.append(day) }
                meetings.append(.record(.meeting(fields)))
            }
            if plan.earlierMeeting != nil, !items.contains(where: { $0.day == plan.earlierMeeting }) { plan.earlierMeeting = nil }
            plan.steps = people + meetings + structure + items.sorted { $0.day < $1.day }.map(\.step) + decisions
            plan.ownersRecognised = owners.sorted()
            plan.unknownInitials = unknown.sorted()
        }
    }
}
