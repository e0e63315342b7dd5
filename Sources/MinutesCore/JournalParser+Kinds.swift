/// Reading each kind of event from the fields found on its line: the parsing half of what
/// `EventKind.spec` declares (the `switch` has no default, so a new kind needs a case here).
extension JournalParser {
    // MARK: - Events from fields

    /// Builds the event from the fields `parseEvent` found, or reports the first problem.
    ///
    /// The helpers below are methods that record a problem in `failure` rather than local
    /// closures capturing a `var`: a captured, mutated variable is boxed on the heap and every
    /// access to it pays a dynamic exclusivity check, which made this the costliest step of
    /// replay. A field is found through `firstField` (indexed by key) instead of a search.
    mutating func build(_ kind: EventKind, id: EventID, timestamp: Timestamp,
                                _ b: UnsafeBufferPointer<UInt8>) -> LineResult {
        failed = false
        refRead = JournalParser.noID
        switch kind {
        case .person:
            let i = initials(.initials, b), n = text(.name, b), e = email(.email, b)
            if let i, let n, !failed {
                let person = Person(initials: i, name: n, organisation: text(.org, b), email: e)
                return event(id, timestamp, b, .person(person))
            }
        case .group:
            let s = slug(.slug, b), n = text(.name, b), l = initials(.lead, b)
            if let s, let n, !failed { return event(id, timestamp, b, .group(slug: s, name: n, lead: l)) }
        case .project:
            let g = slug(.group, b), h = text(.headline, b)
            var n: Int?
            if let f = field(.number) {
                n = ProjectRef.number(decode(f, b)[...])
                if n == nil { fail(f, b, "'\(decode(f, b))' is not a project number", hint: "numbers run from 1 to 9999") }
            }
            if let g, let n, let h, !failed {
                return event(id, timestamp, b, .project(ProjectRef(group: g, number: n), headline: h))
            }
        case .meeting:
            let g = slug(.group, b), d = day(.date, b)
            if let g, let d {
                let fields = MeetingFields(group: g, date: d, present: all(.present, b), apologies: all(.apology, b),
                                           chair: text(.chair, b), minuteTaker: text(.minutes, b), next: day(.next, b),
                                           inAttendance: all(.guest, b))
                if !failed { return event(id, timestamp, b, .meeting(fields)) }
            }
        case .action, .note, .todo:
            let p = project(b), m = day(.meeting, b), t = text(.text, b)
            if let p, let t {
                let body: EventBody
                switch kind {
                case .action: body = .action(p, meeting: m, text: t)
                case .note: body = .note(p, meeting: m, text: t)
                default: body = .todo(p, meeting: m, owners: owners(b), text: t)
                }
                if !failed { return event(id, timestamp, b, body) }
            }
        case .done:
            if let r = ref(b) {
                let m = day(.meeting, b), o = text(.outcome, b)
                if !failed { return event(id, timestamp, b, .done(ref: r, meeting: m, outcome: o)) }
            }
        case .drop:
            let r = ref(b), reason = text(.reason, b)
            if let r, let reason {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, b, .drop(ref: r, meeting: m, reason: reason)) }
            }
        case .reassign:
            let r = ref(b), o = owners(b)
            if o.isEmpty, !failed {
                failure = .error(line: number, column: JournalParser.column(b, b.count), "reassign needs at least one 'owner' field")
                failed = true
            }
            if let r {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, b, .reassign(ref: r, meeting: m, owners: o)) }
            }
        case .rate:
            let p = project(b)
            var rating: Rating?
            if let f = field(.rating) {
                rating = JournalParser.rating(b, f) ?? Rating(rawValue: decode(f, b).lowercased())
                if rating == nil {
                    fail(f, b, "'\(decode(f, b))' is not a rating", hint: "ratings are unsatisfactory, satisfactory, good, excellent")
                }
            }
            if let p, let rating {
                let m = day(.meeting, b), c = text(.comment, b, allowEmpty: true)
                if !failed { return event(id, timestamp, b, .rate(p, meeting: m, rating: rating, comment: c)) }
            }
        case .amend:
            let r = ref(b), t = text(.text, b)
            let o = seen & Key.owner.bit != 0 ? owners(b) : nil
            let base = field(.base) != nil ? eventID(.base, b) : nil
            if let r, let t, !failed { return event(id, timestamp, b, .amend(ref: r, text: t, owners: o, base: base)) }
        case .retract:
            if let r = ref(b) {
                let reason = text(.reason, b)
                if !failed { return event(id, timestamp, b, .retract(ref: r, reason: reason)) }
            }
        case .carry:
            if let r = ref(b) {
                let m = day(.meeting, b)
                if !failed { return event(id, timestamp, b, .carry(ref: r, meeting: m)) }
            }
        case .plan:
            if let event = buildPlan(id, timestamp, b) { return event }
        case .decision:
            let p = project(b), m = day(.meeting, b), t = text(.text, b)
            if let p, let t, !failed { return event(id, timestamp, b, .decision(p, meeting: m, text: t)) }
        case .aob:
            let g = slug(.group, b), m = day(.meeting, b), t = text(.text, b)
            if let g, let t, !failed { return event(id, timestamp, b, .aob(group: g, meeting: m, text: t)) }
        case .approve:
            let g = slug(.group, b), d = day(.date, b), at = day(.meeting, b), t = text(.text, b)
            if let g, let d, let at, !failed {
                return event(id, timestamp, b, .approve(group: g, meeting: d, at: at, amendments: t))
            }
        case .due:
            let r = ref(b), d = day(.date, b), m = day(.meeting, b)
            if let r, let d, !failed { return event(id, timestamp, b, .due(ref: r, meeting: m, date: d)) }
        case .confidential:
            if let r = ref(b), !failed { return event(id, timestamp, b, .confidential(ref: r)) }
        }
        if failed, let failure { return .failure(failure) }
        return .failure(.error(line: number, column: 1, "could not read this \(kind.rawValue) event"))
    }

    @inline(__always)
    mutating func event(_ id: EventID, _ timestamp: Timestamp, _ b: UnsafeBufferPointer<UInt8>,
                        _ body: consuming EventBody) -> LineResult {
        lastEventIDs = (id.value, refRead)
        // `source` is checked like any text and left out: replay does not use it (see `Event`).
        if seen & Key.source.bit != 0 {
            _ = text(.source, b)
            if failed, let failure { return .failure(failure) }
        }
        // The body is taken, not copied: a copy would retain every string it holds.
        return .event(Event(id: id, timestamp: timestamp, body: body))
    }

    /// Records a problem with field `f` unless one was found already (the first one is reported).
    mutating func fail(_ f: Field, _ b: UnsafeBufferPointer<UInt8>, _ message: String, hint: String? = nil) {
        if !failed {
            failure = .error(line: number, column: JournalParser.column(b, f.valueStart - (f.quoted ? 1 : 0)),
                             message, hint: hint)
            failed = true
        }
    }

    /// The first field with key `k` on this line: one look in `firstField`, no search.
    func field(_ k: Key) -> Field? {
        seen & k.bit != 0 ? fields[firstField[k.rawValue]] : nil
    }

    mutating func text(_ k: Key, _ b: UnsafeBufferPointer<UInt8>, allowEmpty: Bool = false) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        if !allowEmpty && JournalParser.isBlank(s, b, f) {
            fail(f, b, "\(k.name) is empty")
            return nil
        }
        return s
    }

    /// Every non-empty value of a repeatable key, in line order.
    mutating func all(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> [String] {
        guard seen & k.bit != 0 else { return [] }
        var result: [String] = []
        var i = firstField[k.rawValue]
        while i < fieldCount {
            let f = fields[i]
            i += 1
            guard f.key == k else { continue }
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "\(k.name) is empty"); continue }
            result.append(s)
        }
        return result
    }

    /// The owners, each read as `Owner(journalValue:)` does; 2–4 capital letters are seen
    /// from the bytes, without asking the string.
    mutating func owners(_ b: UnsafeBufferPointer<UInt8>) -> [Owner] {
        guard seen & Key.owner.bit != 0 else { return [] }
        let first = firstField[Key.owner.rawValue]
        var next = first + 1
        while next < fieldCount, fields[next].key != .owner { next += 1 }
        if next == fieldCount {
            // One owner, as most follow-ups have: a list already made for the same initials
            // is shared (see `OwnerListCache`), else the array is made at its size.
            let f = fields[first]
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "owner is empty"); return [] }
            guard JournalParser.areInitials(b, f) else { return [Owner(journalValue: s)] }
            return ownerLists.single(s)
        }
        var result: [Owner] = []
        var i = first
        while i < fieldCount {
            let f = fields[i]
            i += 1
            guard f.key == .owner else { continue }
            let s = decode(f, b)
            if JournalParser.isBlank(s, b, f) { fail(f, b, "owner is empty"); continue }
            result.append(JournalParser.areInitials(b, f) ? .initials(s) : Owner(journalValue: s))
        }
        return ownerLists.shared(result)
    }

    mutating func day(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let f = field(k) else { return nil }
        guard let d = day(b, f.valueStart..<f.valueEnd) else {
            fail(f, b, "'\(decode(f, b))' is not a date", hint: "dates are written YYYY-MM-DD, e.g. 2009-06-26")
            return nil
        }
        return d
    }

    /// `group/N` (a label) or `group/N@ID` (the label its writer saw and the project's id).
    mutating func project(_ b: UnsafeBufferPointer<UInt8>) -> ProjectRef? {
        guard var f = field(.project) else { return nil }
        // The id, when there is one, is the 12 bytes after an '@' that ends the value.
        var id: EventID?
        let n = f.valueEnd - f.valueStart
        if !f.quoted, n > 13, b[f.valueEnd - 13] == UInt8(ascii: "@") {
            id = eventID(b, at: f.valueEnd - 12)
            if id != nil { f.valueEnd -= 13 }
        }
        if var r = cachedProjectRef(b, f) {
            r.id = id
            return r
        }
        let s = decode(f, b)
        guard var r = ProjectRef(s) else {
            fail(f, b, "'\(s)' is not a project reference", hint: "write group/number, e.g. be-safe/2, or group/number@id")
            return nil
        }
        if id != nil { r.id = id }
        return r
    }

    mutating func ref(_ b: UnsafeBufferPointer<UInt8>) -> EventID? {
        guard let r = eventID(.ref, b) else { return nil }
        refRead = r.value
        return r
    }

    /// A field holding an event id (`ref`, `base`).
    mutating func eventID(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> EventID? {
        guard let f = field(k) else { return nil }
        guard f.valueEnd - f.valueStart == 12, let r = eventID(b, at: f.valueStart) else {
            fail(f, b, "'\(decode(f, b))' is not an event id", hint: "refer to an event by its full 12-character id")
            return nil
        }
        return r
    }

    mutating func slug(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        checked(k, b, GroupSlug.isValid, "a group slug", hint: "slugs are lower-case letters, digits and '-', starting with a letter")
    }

    mutating func email(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        checked(k, b, Person.isPlausibleEmail, "an e-mail address", hint: "an address looks like kp@example.org")
    }

    mutating func initials(_ k: Key, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        checked(k, b, Owner.looksLikeInitials, "initials", hint: "initials are 2 to 4 capital letters")
    }

    /// The value of field `k` when `isValid` accepts it; else a problem "'…' is not `what`".
    mutating func checked(_ k: Key, _ b: UnsafeBufferPointer<UInt8>, _ isValid: (String) -> Bool,
                          _ what: String, hint: String) -> String? {
        guard let f = field(k) else { return nil }
        let s = decode(f, b)
        guard isValid(s) else {
            fail(f, b, "'\(s)' is not \(what)", hint: hint)
            return nil
        }
        return s
    }

    /// Whether an unescaped value is 2–4 bytes A–Z: `Owner.looksLikeInitials` of its text.
    static func areInitials(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool {
        let n = f.valueEnd - f.valueStart
        guard !f.escaped, n >= 2, n <= 4 else { return false }
        for i in f.valueStart..<f.valueEnd where b[i] < 65 || b[i] > 90 { return false }
        return true
    }

    /// A rating written in ASCII, matched ignoring case straight from the bytes; nil for
    /// anything else, which then goes through `lowercased()` and `Rating(rawValue:)`.
    static func rating(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Rating? {
        guard !f.escaped else { return nil }
        let n = f.valueEnd - f.valueStart
        search: for r in Rating.allCases where r.rawValue.utf8.count == n {
            var k = f.valueStart
            for c in r.rawValue.utf8 {
                var x = b[k]
                if x >= 65 && x <= 90 { x += 32 }
                guard x == c else { continue search }
                k += 1
            }
            return r
        }
        return nil
    }

}
