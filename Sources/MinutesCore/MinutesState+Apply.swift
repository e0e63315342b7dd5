/// Applying the events that build the directory, the groups, their projects and meetings, and
/// the items: the domain rules of docs/journal-format.md, section 7.
extension MinutesState {
    /// Tells the group's list of open follow-ups that the follow-up at `position` was closed
    /// (done, dropped or retracted); the list drops closed ones once they are most of it.
    mutating func noteClosed(_ position: Int, group: String) {
        guard let gi = groupIndex(group) else { return }
        let compact = Self.update(&groups.values[gi]) { g in g.openFollowUps.closed() }
        if compact {
            let storage = itemStorage
            groups.values[gi].openFollowUps.compact { p in storage.withItem(p) { Self.isOpen($0) } }
        }
    }

    /// Tells the group's list that the follow-up at `position` is open again (a decision
    /// on it was retracted).
    mutating func noteReopened(_ position: Int, group: String) {
        guard let gi = groupIndex(group) else { return }
        let storage = itemStorage
        groups.values[gi].openFollowUps.reopened(position) { p in storage.withItem(p) { Self.isOpen($0) } }
    }

    /// Warns when `initials` name nobody in the directory.
    mutating func warnIfUnknown(_ initials: String, line: Int, field: String) {
        guard !accelerators.knownInitials.contains(initials), Owner.looksLikeInitials(initials),
              people.index(forKey: initials) == nil else { return }
        report(.warning(line: line, "unknown initials \(initials)",
                        hint: "add them with: minutes add person \(initials) \"Full Name\"",
                        field: field, fieldValue: initials))
    }

    /// `warnIfUnknown` for each owner written as initials. A plain loop: the generic version
    /// over `owners.lazy.compactMap(\.initials)` ran the key path at run time on every owner.
    mutating func warnUnknownOwners(_ owners: [Owner], line: Int) {
        for o in owners {
            if case .initials(let i) = o { warnIfUnknown(i, line: line, field: "owner") }
        }
    }

    mutating func applyPerson(_ e: Stamp, _ p: Person, _ line: Int) -> Bool {
        var p = p
        p.initials = p.initials.uppercased()
        if let before = people[p.initials], before.name != p.name, let id = personEvents[p.initials] {
            report(.warning(line: line, "\(p.initials) is defined again with another name: \"\(p.name)\" here, \"\(before.name)\" on line \(linesOf[id] ?? 0)",
                            hint: "if these are two people, give one of them other initials; if one person was renamed, this line stands",
                            field: "name"))
        }
        personEvents[p.initials] = e.id
        linesOf[e.id] = line
        people[p.initials] = p
        accelerators.knownInitials.insert(p.initials)
        targets[e.id] = .person
        return true
    }

    mutating func applyGroup(_ e: Stamp, _ slug: String, _ name: String, _ lead: String?, _ line: Int) -> Bool {
        if var g = groups[slug] {
            g.name = name
            if let lead { g.lead = lead }
            groups[slug] = g
        } else {
            groups[slug] = Group(slug: slug, name: name, lead: lead, recorded: e.timestamp)
            groupOrder.append(slug)
            accelerators.recentGroup = nil
        }
        if let lead { warnIfUnknown(lead, line: line, field: "lead") }
        targets[e.id] = .group
        return true
    }

    /// Adds a project under the number it asks for, or, when that number is taken (two copies
    /// each added one offline), under the next free number: numbers are labels, and replay
    /// order decides the same labels on every copy.
    mutating func applyProject(_ e: Stamp, _ requested: ProjectRef, _ headline: String, _ line: Int) -> Bool {
        var ref = ProjectRef(group: requested.group, number: requested.number, id: e.id)
        if let other = projects[ref] {
            let taken = Set(groups[ref.group]!.projectNumbers)
            var n = ref.number + 1
            while taken.contains(n) { n += 1 }
            report(.warning(line: line, "\(ref.group)/\(ref.number) is also the number of line \(linesOf[other.id] ?? 0) (\"\(other.headline)\"); this project is shown as \(ref.group)/\(n)",
                            hint: "two copies each added a project; both keep their own entries, and this one is now \(ref.group)/\(n)",
                            field: "number"))
            ref.number = n
        }
        linesOf[e.id] = line
        let existsFrom = [groups[ref.group]?.latestMeeting?.date, leftOutMeetings[ref.group]].compactMap { $0 }.max()
        projects.add(Project(ref: ref, id: e.id, headline: headline, recorded: e.timestamp, existsFrom: existsFrom))
        // Mutate in place (`groups[…]!.x`): a copy taken out and written back would copy the
        // group's arrays on every event.
        let at = groups[ref.group]!.projectNumbers.firstIndex { $0 > ref.number } ?? groups[ref.group]!.projectNumbers.count
        groups[ref.group]!.projectNumbers.insert(ref.number, at: at)
        targets[e.id] = .project(ref)
        return true
    }

    mutating func applyMeeting(_ e: Stamp, _ f: MeetingFields, _ line: Int) -> Bool {
        // In place through the group's index: `groups[slug]!` read copied the whole group.
        let gi = groupIndex(f.group)!
        let both = Self.update(&groups.values[gi]) { g in
            let i = g.meetingIndex(onOrAfter: f.date)
            if i == g.meetings.count || g.meetings[i].date != f.date {
                g.meetings.insert(Meeting(group: f.group, date: f.date), at: i)
            }
            g.meetings[i].contributions.append((e.id, f))
            g.meetings[i].recompute()
            return g.meetings[i].presentAndApologising(newest: f)
        }
        linesOf[e.id] = line
        for (name, other) in both {
            let where_ = other == e.id ? "on this line" : "on line \(linesOf[other] ?? 0)"
            report(.warning(line: line, "\(name) is both present and sending apologies at the meeting of \(f.group) on \(f.date) (\(where_))",
                            hint: "keep one: retract the wrong meeting line with minutes retract ID, or correct it by hand",
                            field: f.present.contains(name) ? "present" : "apology", fieldValue: name))
        }
        for i in f.present { warnIfUnknown(i, line: line, field: "present") }
        if let chair = f.chair { warnIfUnknown(chair, line: line, field: "chair") }
        if let taker = f.minuteTaker { warnIfUnknown(taker, line: line, field: "minutes") }
        targets[e.id] = .meeting(group: f.group, date: f.date)
        return true
    }

    mutating func applyItem(_ e: Stamp, _ kind: ItemKind, _ named: ProjectRef, _ explicit: Day?,
                                    _ text: consuming String, _ owners: [Owner], _ line: Int) -> Bool {
        // The group and project are read and changed in place (see `update`).
        // The project named by id, when the line gives one: its label may have changed.
        let projectIndex = resolvedProjectIndex(named)!
        // A label names the project shown under it, so the label is the reference; an id
        // may come with a label a merge changed, so the project's own is taken.
        let ref = named.id == nil ? named : projects.values[projectIndex].ref
        let groupIndex = groupIndex(ref.group)!
        let (knownMeeting, latest) = Self.update(&groups.values[groupIndex]) { g in
            (explicit.map { g.hasMeeting(on: $0) } ?? true, g.meetings.isEmpty ? nil : g.meetings[g.meetings.count - 1].date)
        }
        if let explicit, !knownMeeting { datedToMeeting.append((line, ref.group, explicit)) }
        // Set-up content (no meeting yet) keeps the day it was recorded for display; as-of
        // replay counts it in every meeting (`AsOfRule.meetingOrSetUp`).
        let day = explicit ?? latest ?? e.timestamp.day
        if kind == .followUp {
            if owners.isEmpty {
                report(.warning(line: line, "follow-up has no owner", hint: "write it as \"XX to …\"", field: "text"))
            }
            warnUnknownOwners(owners, line: line)
        }
        let position = itemStorage.append(
            Item(id: e.id, kind: kind, project: ref, recorded: e.timestamp, meeting: day, text: consume text, owners: owners))
        targets[e.id] = .item(position)
        // Decisions are few: whether one goes at the end is read from the last one's item.
        let decisionInOrder = kind != .decision
            || (projects.values[projectIndex].decisions.last.flatMap { item($0)?.meeting }.map { $0 <= day } ?? true)
        let appended = Self.update(&projects.values[projectIndex]) { p in
            switch kind {
            case .action: p.actions.append(e.id); return true
            case .note: return p.appendNote(e.id, day: day)
            case .followUp: return p.appendFollowUp(e.id, day: day)
            case .decision:
                guard decisionInOrder else { return false }
                p.decisions.append(e.id)
                return true
            }
        }
        if !appended {  // an older meeting's item typed up late: inserted in meeting order
            let items = self.items
            Self.update(&projects.values[projectIndex]) { p in
                switch kind {
                case .note: Self.insertOrdered(e.id, day: day, into: &p.notes, items: items)
                case .decision: Self.insertOrdered(e.id, day: day, into: &p.decisions, items: items)
                default: Self.insertOrdered(e.id, day: day, into: &p.followUps, items: items)
                }
            }
        }
        if kind == .followUp { groups.values[groupIndex].openFollowUps.opened(position) }
        return true
    }

    /// Appends an id, or inserts it after the last item of an earlier or equal meeting when an
    /// older meeting's notes are typed up late: keeps lists in meeting order in O(1) when appending.
    static func insertOrdered(_ id: EventID, day: Day, into list: inout [EventID], items: ItemStore) {
        guard let last = list.last, let lastDay = items[last]?.meeting, lastDay > day else {
            list.append(id)
            return
        }
        var at = list.count
        while at > 0, let d = items[list[at - 1]]?.meeting, d > day { at -= 1 }
        list.insert(id, at: at)
    }

}
