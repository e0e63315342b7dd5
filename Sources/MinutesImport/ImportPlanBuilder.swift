import Foundation
import MinutesCore

extension ImportPlanner {
    /// Collects the entries of one import, project by project, then orders them: people,
    /// meetings, projects and plans, items by meeting, then decisions on follow-ups.
    struct Builder {
        var plan: ImportPlan
        let state: MinutesState
        let group: Group
        let options: ImportOptions
        /// The meeting undated notes go to.
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

        /// What one project table adds.
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
            // A new project's actions were agreed at the first meeting the table names.
            let earliest = (dated + raisedDays + (hasUndated ? [earlier] : []) + [m]).min()!
            let itemsBefore = items.count

            addActions(table.actions, ref: ref, on: existing == nil ? earliest : m, summary: &summary)
            // Follow-ups first: one the To do column still lists is not closed by a note repeating it.
            var openEarlier = state.followUps(of: ref).filter { $0.state.isOpen && $0.meeting < m }
            addFollowUps(table.toDo, ref: ref, openEarlier: &openEarlier, summary: &summary)
            addNotes(table.progress, ref: ref, firstDated: dated.min() ?? m, openEarlier: &openEarlier, summary: &summary)
            for item in openEarlier {
                let owners = item.owners.isEmpty ? "" : Owner.phrase(item.owners) + " to "
                plan.leftOpen.append("project \(table.number): \"\(owners)\(item.text)\" (from \(item.meeting.long))")
            }

            // The plan: the lead the document names, and a start no later than the oldest item,
            // so that notes of past meetings are not reported as older than their project.
            var fields = PlanFields()
            if let lead = table.lead, existing?.plan.lead != lead { fields.lead = lead }
            let startsOn = existing.map { min($0.createdOn, $0.plan.start ?? $0.createdOn) }
            let first = ([existing == nil ? earliest : m] + items[itemsBefore...].map(\.day)).min()!
            if startsOn.map({ first < $0 }) ?? true { fields.start = first }
            if summary.newEntries > 0 || existing == nil, !fields.isEmpty { structure.append(.record(.plan(.project(ref), fields))) }
            plan.projects.append(summary)
        }

        mutating func addActions(_ actions: [CellEntry], ref: ProjectRef, on day: Day, summary: inout ProjectSummary) {
            var keys = Set(state.actions(of: ref).map { Normal.key($0.text) })
            for a in actions {
                guard keys.insert(Normal.key(a.text)).inserted else { summary.alreadyThere += 1; continue }
                items.append((day, .record(.action(ref, meeting: day, text: a.text))))
                meetingDays.insert(day)
                summary.actions += 1
            }
        }

        /// Progress notes under the meeting each date line names; a note repeating an open
        /// follow-up of an earlier meeting reports it done at that meeting.
        mutating func addNotes(_ blocks: [ProgressBlock], ref: ProjectRef, firstDated: Day, openEarlier: inout [Item],
                               summary: inout ProjectSummary) {
            let m = plan.meeting
            let old = state.notes(of: ref)
            var keys = Set(old.map { "\($0.meeting.ordinal) " + Normal.key($0.text) })
            for block in blocks {
                let day = block.date?.resolved(near: m) ?? earlier
                for note in block.notes {
                    let key = Normal.key(note.text)
                    // Undated notes are wherever an earlier import put them (--undated, or "earlier").
                    let placed = block.date == nil && old.contains { Normal.key($0.text) == key && $0.meeting <= firstDated }
                    guard !placed, keys.insert("\(day.ordinal) " + key).inserted else { summary.alreadyThere += 1; continue }
                    items.append((day, .record(.note(ref, meeting: day, text: note.text))))
                    meetingDays.insert(day)
                    summary.notes[day, default: 0] += 1
                    if block.date == nil { plan.earlierMeeting = earlier }
                    if let k = openEarlier.firstIndex(where: { $0.meeting < day && Self.sameFollowUp($0, key) }) {
                        decisions.append(.record(.done(ref: openEarlier[k].id, meeting: day, outcome: note.text)))
                        summary.doneFollowUps += 1
                        openEarlier.remove(at: k)
                    }
                }
            }
        }

        /// Follow-ups: one the journal has is carried (or done, or reassigned when a later
        /// document gives it other owners); a new one is raised at this meeting, or at the
        /// one "(from …)" names.
        mutating func addFollowUps(_ entries: [CellEntry], ref: ProjectRef, openEarlier: inout [Item], summary: inout ProjectSummary) {
            let m = plan.meeting
            let known = state.followUps(of: ref)
            var taken = Set<EventID>()
            var newKeys = Set<String>()
            for entry in entries {
                let parsed = OwnerParser.parse(entry.text, people: directory)
                let text = parsed.text.isEmpty ? entry.text : parsed.text
                let key = Normal.key(text)
                for o in parsed.owners { owners.insert(o.label) }
                for i in parsed.unknownInitials { unknown.insert(i) }
                if let old = known.first(where: { Normal.key($0.text) == key && !taken.contains($0.id) }) {
                    taken.insert(old.id)
                    openEarlier.removeAll { $0.id == old.id }
                    if entry.isDone, old.state.isOpen {
                        decisions.append(.record(.done(ref: old.id, meeting: m, outcome: nil)))
                        summary.doneFollowUps += 1
                    } else if old.state.isOpen, !parsed.owners.isEmpty, parsed.owners.map(\.key) != old.owners.map(\.key),
                              m > Self.ownersSetOn(old) {
                        // Only a later document changes hands: an older one imported again does not undo it.
                        decisions.append(.record(.reassign(ref: old.id, meeting: m, owners: parsed.owners)))
                        summary.reassigned += 1
                    } else if old.state.isOpen {
                        summary.carried += 1
                    } else {
                        summary.alreadyThere += 1
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

        /// The meetings (the document's own with its attendance), then everything in order.
        mutating func finish(_ doc: ReadMinutes) {
            let m = plan.meeting
            meetingDays.insert(m)
            var meetings: [ImportStep] = []
            for day in meetingDays.sorted() {
                let exists = group.hasMeeting(on: day)
                var fields = MeetingFields(group: group.slug, date: day)
                if day == m {
                    fields = attendance(doc, known: group.meeting(on: day))
                    let adds = !fields.present.isEmpty || !fields.apologies.isEmpty || fields.chair != nil || fields.minuteTaker != nil || fields.next != nil
                    if exists && !adds { continue }
                } else if exists {
                    continue
                }
                if !exists { plan.meetingsAdded.append(day) }
                meetings.append(.record(.meeting(fields)))
            }
            // Items by meeting, in document order within a meeting (the index keeps the sort stable).
            let ordered = items.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element.step)
            plan.steps = people + meetings + structure + ordered + decisions
            plan.ownersRecognised = owners.sorted()
            plan.unknownInitials = unknown.sorted()
        }

        /// The document's own meeting: what its "Present:", "Apologies:" … lines add to the journal's.
        func attendance(_ doc: ReadMinutes, known: Meeting?) -> MeetingFields {
            let m = plan.meeting
            let attendee = { (name: String) -> String in
                let upper = name.uppercased()
                return Owner.looksLikeInitials(upper) && state.person(upper) != nil ? upper : name
            }
            var fields = MeetingFields(group: group.slug, date: m)
            fields.present = doc.present.map(attendee).filter { !(known?.present.contains($0) ?? false) }
            fields.apologies = doc.apologies.map(attendee).filter { !(known?.apologies.contains($0) ?? false) }
            fields.chair = doc.chair.map(attendee).flatMap { $0 == known?.chair ? nil : $0 }
            fields.minuteTaker = doc.minuteTaker.map(attendee).flatMap { $0 == known?.minuteTaker ? nil : $0 }
            // "Next meeting: 9th July": the first such day after this meeting.
            let next = doc.next.flatMap { n -> Day? in
                if let y = n.year { return Day(year: y, month: n.month, day: n.day) }
                let y = m.components.year
                return Day(year: y, month: n.month, day: n.day).flatMap { $0 > m ? $0 : nil } ?? Day(year: y + 1, month: n.month, day: n.day)
            }
            fields.next = next == known?.next ? nil : next
            return fields
        }
    }
}
