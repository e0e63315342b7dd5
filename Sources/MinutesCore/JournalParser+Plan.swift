/// Reading a `plan` event: its target (exactly one of `group`, `project`, `ref`), the fields it
/// sets and the fields it clears (docs/journal-format.md, section 5).
extension JournalParser {
    mutating func buildPlan(_ id: EventID, _ timestamp: Timestamp, _ b: UnsafeBufferPointer<UInt8>) -> LineResult? {
        let g = field(.group) != nil ? slug(.group, b) : nil
        let p = field(.project) != nil ? project(b) : nil
        let r = field(.ref) != nil ? ref(b) : nil
        let target: PlanTarget?
        switch (g, p, r) {
        case (let g?, nil, nil): target = .group(g)
        case (nil, let p?, nil): target = .project(p)
        case (nil, nil, let r?): target = .action(r)
        default:
            target = nil
            if !failed {
                failure = .error(line: number, column: JournalParser.column(b, b.count),
                                 "plan needs exactly one of 'group' or 'project'",
                                 hint: "or 'ref', the id of an action, for an activity's plan")
                failed = true
            }
        }
        var f = PlanFields(lead: initials(.lead, b), aim: text(.aim, b), links: all(.link, b),
                           priorities: all(.priority, b), meeting: day(.meeting, b))
        f.startDate = planDate(.start, b)
        f.endDate = planDate(.end, b)
        f.title = text(.title, b)
        f.language = field(.lang) == nil ? nil : checked(.lang, b, LanguageTag.isValid, "a language tag", hint: "a tag such as en-GB, cy-GB or ur-PK")
        f.statement = text(.purpose, b)
        f.approaches = all(.approach, b).map(PlanApproach.init(journalValue:))
        f.resources = text(.resource, b)
        f.issues = all(.issue, b)
        f.baseline = text(.baseline, b)
        f.success = all(.success, b)
        f.actionPlans = text(.plans, b)
        f.targets = all(.target, b)
        f.background = text(.context, b)
        f.code = text(.code, b)
        f.owners = owners(b)
        f.timescale = text(.timing, b)
        f.clear = clearedFields(b)
        if let target, !failed {
            let allowed = target.allowedFields
            if let wrong = f.touched.first(where: { !allowed.contains($0) }) {
                let key = FieldKey.allCases.first { $0.name == wrong.rawValue } ?? .clear
                let at = field(key) ?? field(.clear)!
                let what: String
                switch target {
                case .group: what = "a group's plan"
                case .project: what = "a project's plan"
                case .action: what = "an action's plan"
                }
                if wrong == .priority, case .project = target {
                    fail(at, b, "priorities belong to a group's plan, not a project's")
                } else {
                    fail(at, b, "\(wrong.rawValue) does not belong to \(what)",
                         hint: "see docs/journal-format.md, section 5, for the fields of each plan")
                }
            }
        }
        if !failed, let s = f.startDate, let e = f.endDate, s.day > e.lastDay {
            fail(field(.end)!, b, "the plan ends (\(e.text)) before it starts (\(s.text))")
        }
        if let target, !failed { return event(id, timestamp, b, .plan(target, f)) }
        return nil
    }

    /// A plan's start or end: `YYYY-MM-DD` or `YYYY-MM`.
    mutating func planDate(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> PlanDate? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        guard let d = PlanDate.parseJournal(s) else {
            fail(f, b, "'\(s)' is not a date or a month", hint: "write YYYY-MM-DD, or YYYY-MM for a month, e.g. 2009-01")
            return nil
        }
        return d
    }

    /// The names `clear=` gives, each a plan field.
    mutating func clearedFields(_ b: UnsafeBufferPointer<UInt8>) -> [PlanFieldName] {
        guard seen & Key.clear.bit != 0 else { return [] }
        var result: [PlanFieldName] = []
        var i = firstField[Key.clear.rawValue]
        while i < fieldCount {
            let f = fields[i]
            i += 1
            guard f.key == .clear else { continue }
            let s = decode(f, b)
            guard let field = PlanFieldName(rawValue: s) else {
                fail(f, b, "'\(s)' is not a plan field", hint: "clear names one of " + PlanFieldName.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            result.append(field)
        }
        return result
    }
}
