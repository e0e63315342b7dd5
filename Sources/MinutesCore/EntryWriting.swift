/// How an entry the app or the command line made is written into a journal of a given
/// format version: the one place that knows what each version can say.
extension MinutesState {
    /// `body` as it should be written to a journal of `formatVersion`:
    /// - version 2 names projects by `label@id` and gives an amendment the version of the
    ///   text it corrects (`base`), so that merges keep each entry with its own project and
    ///   amendments made apart are noticed;
    /// - version 1 has labels only, no `base`, no plan meeting (an older program reads it);
    /// - in both, content for a group that has met is dated to its latest meeting when no
    ///   meeting is given, so that which meeting it belongs to never depends on replay order.
    public func prepared(_ body: EventBody, formatVersion: Int) -> EventBody {
        let v2 = formatVersion >= 2
        func named(_ r: ProjectRef) -> ProjectRef {
            let canonical = project(r)?.ref ?? r
            return v2 ? canonical : canonical.label
        }
        func dated(_ r: ProjectRef, _ m: Day?) -> Day? {
            m ?? groups[r.group]?.latestMeeting?.date
        }
        switch body {
        case .action(let r, let m, let t): return .action(named(r), meeting: dated(r, m), text: t)
        case .note(let r, let m, let t): return .note(named(r), meeting: dated(r, m), text: t)
        case .todo(let r, let m, let o, let t): return .todo(named(r), meeting: dated(r, m), owners: o, text: t)
        case .rate(let r, let m, let rating, let c): return .rate(named(r), meeting: dated(r, m), rating: rating, comment: c)
        case .plan(.project(let r), var f):
            if !v2 { f.meeting = nil }
            return .plan(.project(named(r)), f)
        case .plan(.group(let g), var f):
            if !v2 { f.meeting = nil }
            return .plan(.group(g), f)
        case .plan(.action, _):
            return body
        case .amend(let ref, let t, let o, let base):
            guard v2 else { return .amend(ref: ref, text: t, owners: o) }
            return .amend(ref: ref, text: t, owners: o, base: base ?? currentVersion(of: ref))
        case .decision(let r, let m, let t): return .decision(named(r), meeting: dated(r, m), text: t)
        case .aob(let g, let m, let t): return .aob(group: g, meeting: m ?? groups[g]?.latestMeeting?.date, text: t)
        case .person, .group, .project, .meeting, .done, .drop, .reassign, .carry, .retract, .approve, .due, .confidential:
            return body
        }
    }

    /// Why `body` cannot be written to a journal of `formatVersion` at all, or nil: format 1
    /// has no place for what format 2 added — the kinds of formal minutes (decisions, any other
    /// business, approvals, due dates, confidential marks), people in attendance, and plan
    /// fields beyond the first few (an older program would stop at them, or drop them).
    public static func formatProblem(_ body: EventBody, formatVersion: Int) -> Diagnostic? {
        guard formatVersion < 2 else { return nil }
        let needsFormat2: Bool
        switch body {
        case .decision, .aob, .approve, .due, .confidential: needsFormat2 = true
        case .meeting(let m): needsFormat2 = !m.inAttendance.isEmpty
        case .plan(.action, _): needsFormat2 = true
        case .plan(_, let f): needsFormat2 = f.needsFormat2
        case .person, .group, .project, .action, .note, .todo, .done, .drop, .reassign, .carry, .rate, .amend, .retract:
            needsFormat2 = false
        }
        guard needsFormat2 else { return nil }
        return .error(line: 0, "this journal is in format 1, which cannot hold this \(body.kind.rawValue) entry",
                      hint: "run `minutes upgrade` to move it to format 2 first", field: "kind")
    }

    /// The latest timestamp among the events `body` refers to (its group, its project, the
    /// item it decides on or corrects): a new event must be stamped after it, or replay would
    /// meet it before what it refers to, whatever the clock says.
    public func dependencyFloor(of body: EventBody) -> Timestamp? {
        switch body {
        case .action(let r, _, _), .note(let r, _, _), .todo(let r, _, _, _), .rate(let r, _, _, _), .plan(.project(let r), _):
            return project(r)?.recorded
        case .decision(let r, _, _): return project(r)?.recorded
        case .aob(let g, _, _), .approve(let g, _, _, _): return groups[g]?.recorded
        case .due(let ref, _, _), .confidential(let ref):
            return itemPosition(ref).map { itemStorage[$0].recorded } ?? lastTimestamp
        case .meeting(let m): return groups[m.group]?.recorded
        case .project(let r, _): return groups[r.group]?.recorded
        case .plan(.group(let g), _): return groups[g]?.recorded
        case .plan(.action(let ref), _): return itemPosition(ref).map { itemStorage[$0].recorded }
        case .done(let ref, _, _), .drop(let ref, _, _), .reassign(let ref, _, _), .carry(let ref, _),
             .amend(let ref, _, _, _), .retract(let ref, _):
            switch targets[ref] {
            case .item(let p)?: return itemStorage[p].recorded
            case .change(let p)?: return itemStorage[p].changes.first { $0.id == ref }?.recorded
            case .project(let label)?: return projects[label]?.recorded
            default: return lastTimestamp
            }
        case .person, .group: return nil
        }
    }

    /// What an amendment of `ref` corrects: the item's latest standing amendment, or the item.
    func currentVersion(of ref: EventID) -> EventID? {
        guard let p = itemPosition(ref) else { return nil }
        return itemStorage.withItem(p) { $0.pointee.latestAmendment ?? $0.pointee.id }
    }
}
