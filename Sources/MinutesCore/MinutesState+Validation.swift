/// Checking an event against the state without changing it (docs/journal-format.md, 10.2).
extension MinutesState {
    // MARK: - Validation

    /// Why `event` cannot be applied to this state, or nil when it can. Nothing is changed,
    /// so the app and the command line check an event here before writing it: a rejected
    /// entry never reaches the journal.
    public func problem(with event: Event) -> Diagnostic? {
        func error(_ message: String, hint: String? = nil, field: String) -> Diagnostic {
            .error(line: 0, message, hint: hint, field: field)
        }
        func dates(_ start: PlanDate?, _ end: PlanDate?) -> Diagnostic? {
            guard let start, let end, start.day > end.lastDay else { return nil }
            return error("the plan would end (\(end.text)) before it starts (\(start.text))",
                         hint: "give a start on or before the end, or change the end too", field: "end")
        }
        func group(_ slug: String, field: String = "group") -> Diagnostic? {
            groups[slug] == nil
                ? error("unknown group '\(slug)'", hint: "add it first with: minutes add group \(slug) \"Name\"", field: field)
                : nil
        }
        func project(_ ref: ProjectRef) -> Diagnostic? {
            if let g = group(ref.group, field: "project") { return g }
            if let id = ref.id, self.project(ref) == nil {
                return error("no project of \(ref.group) has the id \(id) (\(ref) when written)",
                             hint: "its project line is missing: was the journal merged completely?", field: "project")
            }
            return self.project(ref) == nil
                ? error("unknown project \(ref)", hint: "add it with: minutes add project \(ref.group) \"Headline\"", field: "project")
                : nil
        }
        func followUp(_ ref: EventID, _ verb: String) -> Diagnostic? {
            guard let item = items[ref] else {
                return error("no follow-up with id \(ref)", hint: "minutes todo lists open follow-ups with their ids", field: "ref")
            }
            guard item.kind == .followUp else {
                return error("\(ref) is \(item.kind == .action ? "an action" : "a progress note"), not a follow-up; only follow-ups can be \(verb)", field: "ref")
            }
            return item.isRetracted ? error("follow-up \(ref) was retracted", field: "ref") : nil
        }
        if targets[event.id] != nil {
            return error("event id \(event.id) is used twice", hint: "every event needs its own id", field: "ref")
        }
        switch event.body {
        case .person, .group:
            return nil
        case .project(let ref, _):
            return group(ref.group)
        case .meeting(let m):
            return group(m.group)
        case .action(let ref, _, _), .note(let ref, _, _), .todo(let ref, _, _, _), .rate(let ref, _, _, _):
            return project(ref)
        case .done(let ref, _, _): return followUp(ref, "marked done")
        case .drop(let ref, _, _): return followUp(ref, "dropped")
        case .reassign(let ref, _, _): return followUp(ref, "reassigned")
        case .carry(let ref, _): return followUp(ref, "carried")
        case .amend(let ref, _, let owners, _):
            switch targets[ref] {
            case .item(let position)?:
                let item = itemStorage[position]
                if item.isRetracted { return error("\(ref) was retracted and cannot be amended", field: "ref") }
                if owners != nil, item.kind != .followUp { return error("only follow-ups have owners", field: "owner") }
                return nil
            case .project?:
                return owners != nil ? error("a project headline has no owners", field: "owner") : nil
            case nil:
                return error("no event with id \(ref)", field: "ref")
            default:
                return error("\(ref) cannot be amended; amend an action, note, follow-up or project", field: "ref")
            }
        case .retract(let ref, _):
            let refuse = { (what: String) in
                error("\(what) cannot be retracted", hint: "amend it instead, or correct the directory", field: "ref")
            }
            switch targets[ref] {
            case nil: return error("no event with id \(ref)", hint: "retract names the id of an earlier event", field: "ref")
            case .person?: return refuse("a person")
            case .group?: return refuse("a group")
            case .project?: return refuse("a project")
            case .retract?: return refuse("a retraction")
            case .plan(.group)?: return refuse("a group plan change")
            case .change(let position)?:
                return itemStorage[position].changes.contains { $0.id == ref } ? nil : refuse("that change")
            default: return nil
            }
        case .plan(.group(let slug), let f):
            if let g = group(slug) { return g }
            var plan = groups[slug]!.plan
            plan.apply(f)
            return dates(plan.start, plan.end)
        case .plan(.project(let ref), let f):
            if let p = project(ref) { return p }
            var plan = self.project(ref)!.plan
            plan.apply(f)
            return dates(plan.startDate, plan.endDate)
        case .plan(.action(let ref), _):
            guard let item = items[ref] else {
                return error("no action with id \(ref)", hint: "minutes show lists the actions with their ids", field: "ref")
            }
            return item.kind == .action ? nil
                : error("\(ref) is \(item.kind == .followUp ? "a follow-up" : "a progress note"), not an action; only actions have an action plan's fields", field: "ref")
        case .decision(let ref, _, _):
            return project(ref)
        case .aob(let slug, _, _):
            return group(slug)
        case .approve(let slug, let meeting, let at, _):
            if let g = group(slug) { return g }
            if at == meeting {
                return error("the minutes of \(meeting) cannot be approved at the same meeting",
                             hint: "minutes are approved at a later meeting: --at DATE", field: "meeting")
            }
            if at < meeting {
                return error("the minutes of \(meeting) cannot be approved at the earlier meeting of \(at)",
                             hint: "minutes are approved at a later meeting", field: "meeting")
            }
            return nil
        case .due(let ref, _, let date):
            if let p = followUp(ref, "given a due date") { return p }
            if let item = items[ref], date < item.meeting {
                return error("due \(date) is before the meeting of \(item.meeting) the follow-up was raised at",
                             hint: "give a date on or after the meeting", field: "date")
            }
            return nil
        case .confidential(let ref):
            guard let item = items[ref], !item.isRetracted else {
                return error("no action, note, follow-up or decision with id \(ref)",
                             hint: "minutes show GROUP lists items with their ids", field: "ref")
            }
            return isConfidential(ref) ? error("\(ref) is already confidential", field: "ref") : nil
        }
    }

    /// Why the minutes of `group`'s meeting on `meeting` cannot be approved at the meeting of
    /// `at` now, beyond what `problem(with:)` checks of the entry alone: both meetings must
    /// have been held, and minutes are approved once.
    public func approvalProblem(group slug: String, meeting: Day, at: Day) -> Diagnostic? {
        guard let g = groups[slug] else {
            return .error(line: 0, "unknown group '\(slug)'", hint: "minutes show lists the groups", field: "group")
        }
        if !g.hasMeeting(on: meeting) {
            return .error(line: 0, "\(slug) held no meeting on \(meeting)", hint: "minutes show \(slug) lists its meetings", field: "date")
        }
        if at != meeting, !g.hasMeeting(on: at) {
            return .error(line: 0, "\(slug) held no meeting on \(at) to approve them at",
                          hint: "open it first with: minutes add meeting \(slug) \(at)", field: "meeting")
        }
        if let before = approval(of: slug, meeting: meeting) {
            return .error(line: 0, "the minutes of \(meeting) were already approved at the meeting of \(before.at)",
                          hint: "to change the record, amend the entries; to undo the approval: minutes retract \(before.id)", field: "date")
        }
        return nil
    }
}
