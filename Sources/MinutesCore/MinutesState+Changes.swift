/// Applying the events that change items and projects after they were recorded: decisions on
/// follow-ups, amendments, ratings, plans and retractions (docs/journal-format.md, section 7).
extension MinutesState {
    mutating func applyChange(_ e: Stamp, _ ref: EventID, _ meeting: Day?, _ kind: ItemChange.Kind, _ line: Int) -> Bool {
        if case .reassign(let owners) = kind {
            warnUnknownOwners(owners, line: line)
        }
        let position = itemPosition(ref)!
        let change = ItemChange(id: e.id, recorded: e.timestamp, date: meeting ?? e.timestamp.day, kind: kind)
        let outcome = itemStorage.record(change, at: position)
        if outcome.closed {
            noteClosed(position, group: itemStorage.withItem(position) { $0.pointee.project.group })
        }
        if outcome.conflict {
            let word = itemStorage.withItem(position) { $0.pointee.state.word }
            report(.warning(line: line, "conflicting decisions on follow-up \(ref): it was already \(word == "done" ? "dropped" : "done"); this later decision (\(word)) stands",
                            hint: "both events stay in the journal; retract the wrong one", field: "ref"))
        }
        targets[e.id] = .change(item: position)
        return true
    }

    mutating func applyAmend(_ e: Stamp, _ ref: EventID, _ text: String, _ owners: [Owner]?,
                                     _ base: EventID?, _ line: Int) -> Bool {
        linesOf[e.id] = line
        switch targets[ref] {
        case .item(let position)?:
            // Two amendments made apart (each correcting the same version) are both kept, the
            // later in replay order standing; say so rather than let one silently win.
            if let base {
                let (current, currentText) = itemStorage.withItem(position) { item in
                    (item.pointee.latestAmendment ?? item.pointee.id, item.pointee.text)
                }
                if current != base, currentText != text {
                    report(.warning(line: line, "\(ref) was amended apart on line \(linesOf[current] ?? 0) and here; this text stands",
                                    hint: "both amendments stay in the journal; to keep the other text, amend it again with: minutes edit \(ref) TEXT",
                                    field: "base"))
                }
            }
            let change = ItemChange(id: e.id, recorded: e.timestamp, date: e.timestamp.day, kind: .amend(text: text, owners: owners))
            itemStorage.record(change, at: position)
            targets[e.id] = .change(item: position)
            return true
        case .project(let p)?:
            projects.update(p) { project in
                project.headlineHistory.append((e.id, text))
                project.headline = text
            }
            targets[e.id] = .headline(p)
            return true
        default:
            return false
        }
    }

    mutating func applyRating(_ e: Stamp, _ named: ProjectRef, _ meeting: Day?, _ rating: Rating,
                                      _ comment: String?, _ line: Int) -> Bool {
        let latest = groupIndex(named.group).flatMap { gi in
            Self.update(&groups.values[gi]) { g in g.meetings.isEmpty ? nil : g.meetings[g.meetings.count - 1].date }
        }
        let day = meeting ?? latest ?? e.timestamp.day
        let r = StatusRating(id: e.id, meeting: day, rating: rating, comment: comment)
        guard let pi = resolvedProjectIndex(named) else { return false }
        Self.update(&projects.values[pi]) { $0.addRating(r) }
        targets[e.id] = .rating(projects.values[pi].ref)
        return true
    }

    mutating func applyPlan(_ e: Stamp, _ target: PlanTarget, _ fields: PlanFields, _ line: Int) -> Bool {
        switch target {
        case .group(let slug):
            var g = groups[slug]!
            g.plan.apply(fields)
            g.aim = g.plan.aim
            g.priorities = g.plan.priorities
            if let v = fields.lead { g.lead = v } else if fields.clear.contains(.lead) { g.lead = nil }
            if !fields.approaches.isEmpty || !fields.priorities.isEmpty || fields.clear.contains(.priority) {
                for (letter, n) in g.plan.missingCitations {
                    report(.warning(line: line, "approach \(letter) cites priority \(n), which the plan of \(slug) does not have",
                                    hint: "the plan has \(g.plan.priorities.count) priorities, numbered from 1", field: "approach"))
                }
            }
            groups[slug] = g
        case .action(let id):
            guard let position = itemPosition(id) else { return false }
            actionPlanHistory[position, default: []].append((e.id, fields))
            targets[e.id] = .actionPlan(item: position)
            warnUnknownOwners(fields.owners, line: line)
        case .project(let named):
            guard let ref = project(named)?.ref else { return false }
            projects.update(ref) { project in
                project.planHistory.append((e.id, fields))
                project.recomputePlan()
            }
            targets[e.id] = .plan(.project(ref))
        }
        if let lead = fields.lead { warnIfUnknown(lead, line: line, field: "lead") }
        if case .group = target { targets[e.id] = .plan(target) }
        return true
    }

    mutating func applyRetract(_ e: Stamp, _ ref: EventID, _ line: Int) -> Bool {
        switch targets[ref] {
        case .item(let position)?:
            if itemStorage[position].isRetracted {
                report(.warning(line: line, "\(ref) was already retracted", field: "ref"))
                break
            }
            let wasOpen = isOpenFollowUp(position)
            itemStorage.update(position) { $0.isRetracted = true }
            let item = itemStorage[position]
            let id = item.id
            projects.update(item.project) { project in
                switch item.kind {
                case .action: project.actions.removeAll { $0 == id }
                case .note: project.notes.removeAll { $0 == id }
                case .followUp: project.followUps.removeAll { $0 == id }
                case .decision: project.decisions.removeAll { $0 == id }
                }
            }
            if wasOpen { noteClosed(position, group: item.project.group) }
        case .change(let position)?:
            let wasOpen = isOpenFollowUp(position)
            let retracted = itemStorage.update(position) { item in
                guard let k = item.changes.firstIndex(where: { $0.id == ref }) else { return false }
                item.changes[k].isRetracted = true
                item.recompute()
                return true
            }
            let isOpen = isOpenFollowUp(position)
            if retracted, wasOpen != isOpen {
                let group = itemStorage[position].project.group
                if isOpen { noteReopened(position, group: group) } else { noteClosed(position, group: group) }
            }
        case .meeting(let slug, let date)?:
            var g = groups[slug]!
            let i = g.meetingIndex(onOrAfter: date)
            guard i < g.meetings.count, g.meetings[i].date == date,
                  g.meetings[i].contributions.contains(where: { $0.id == ref }) else {
                report(.warning(line: line, "\(ref) was already retracted", field: "ref"))
                break
            }
            g.meetings[i].contributions.removeAll { $0.id == ref }
            if g.meetings[i].contributions.isEmpty { g.meetings.remove(at: i) } else { g.meetings[i].recompute() }
            groups[slug] = g
        case .rating(let p)?:
            projects.update(p) { project in
                project.ratingHistory.removeAll { $0.id == ref }
                project.recomputeRatings()
            }
        case .plan(.project(let p))?:
            projects.update(p) { project in
                project.planHistory.removeAll { $0.id == ref }
                project.recomputePlan()
            }
        case .actionPlan(let position)?:
            actionPlanHistory[position]?.removeAll { $0.id == ref }
        case .headline(let p)?:
            projects.update(p) { project in
                project.headlineHistory.removeAll { $0.id == ref }
                project.recomputeHeadline()
            }
        case .mark?, .otherBusiness?, .approval?:
            guard formal.retract(ref) else {
                report(.warning(line: line, "\(ref) was already retracted", field: "ref"))
                break
            }
        default:
            return false
        }
        targets[e.id] = .retract
        return true
    }

}
