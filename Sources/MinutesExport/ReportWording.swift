import MinutesCore

// Wording and "as of a day" views shared by the report builders.
//
// Every builder reads the state through the views below, which look only at what was dated on
// or before the report's day. A state replayed as of that day (`JournalLoader.load(path:asOf:)`)
// gives the report exactly as it stood then; a later state gives the same dated content
// (notes, follow-ups, decisions, ratings) with later corrections (amended text, retractions,
// directory changes) already applied.

enum ReportWording {

    /// "14 May" when the day falls in the same year as `reference`, else "14 May 2008".
    static func date(_ day: Day, near reference: Day) -> String {
        day.components.year == reference.components.year ? day.short : day.long
    }

    /// "once", "twice", "3 times".
    static func times(_ count: Int) -> String {
        switch count {
        case 1: return "once"
        case 2: return "twice"
        default: return "\(count) times"
        }
    }

    /// "2 open follow-ups", "1 open follow-up".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// Owners in bold, joined the way minutes join them: "**KP**", "**KP** and **DD**",
    /// "**KP**, **DD** and **Schools**".
    static func owners(_ owners: [Owner]) -> ReportText {
        var text = ReportText()
        for (index, owner) in owners.enumerated() {
            if index > 0 { text += ReportText(index == owners.count - 1 ? " and " : ", ") }
            text += .bold(owner.label)
        }
        return text
    }

    /// A follow-up as the minutes write it: "**KP** to adjust and e-mail organisation".
    static func followUp(_ item: Item) -> ReportText {
        ownersPrefix(item) + ReportText(item.text)
    }

    /// What comes before a follow-up's own words: "**KP** to ", or nothing without owners or
    /// when the text was kept as typed, owners included ("Sheelagh Davis to contact …").
    static func ownersPrefix(_ item: Item) -> ReportText {
        item.owners.isEmpty || FollowUpPhrasing.namesItsOwners(item.text) ? ReportText() : owners(item.owners) + ReportText(" to ")
    }

    /// "Rosa Okafor, Cluster coordinator" for known initials.
    static func describe(_ person: Person) -> String {
        guard let organisation = person.organisation, !organisation.isEmpty else { return person.name }
        return person.name + ", " + organisation
    }

    /// The Who's who entries for a set of initials, sorted: known people with their name and
    /// organisation; initials nobody added to the directory as they were typed, with nothing
    /// after them (the minutes show what is known rather than a remark about the directory).
    static func whoIsWho(_ initials: Set<String>, state: MinutesState) -> [ReportDefinition] {
        initials.sorted().map { key in
            if let person = state.person(key) {
                return ReportDefinition(term: person.initials, definition: ReportText(describe(person)))
            }
            return ReportDefinition(term: key, definition: ReportText())
        }
    }

    /// Words in `text` that are the initials of someone in the directory ("RO has drafted …").
    ///
    /// A word is a run of characters that are each one ASCII letter. It is read scalar by scalar
    /// rather than character by character (grapheme breaking and `Character.isLetter` were most
    /// of the cost of building the minutes): an ASCII letter is a character of its own unless
    /// the scalar before it is a prepended mark or the one after it extends it (a combining
    /// accent, a joiner, a spacing mark), which `joins` asks the standard library about.
    static func initialsMentioned(in text: String, state: MinutesState) -> [String] {
        var found: [String] = []
        // The word is kept as a range of UTF-8 offsets and made into a string only when it has
        // the length of initials (2 to 4 letters): appending scalar by scalar was costly.
        var wordStart = 0
        var wordLength = 0
        var wordIsUpperCase = true
        var offset = 0
        func flush() {
            // Initials are upper case; most short words ("to", "and") are not looked up.
            if wordIsUpperCase, (2...4).contains(wordLength) {
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: wordStart)
                let word = String(Substring(text.utf8[start..<text.utf8.index(start, offsetBy: wordLength)]))
                if Owner.looksLikeInitials(word), state.person(word) != nil { found.append(word) }
            }
            wordLength = 0
            wordIsUpperCase = true
        }
        var scalars = text.unicodeScalars.makeIterator()
        var previous: Unicode.Scalar?
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            let isASCIILetter = ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
            if isASCIILetter && !joins(previous, scalar) && !joins(scalar, next) {
                if wordLength == 0 { wordStart = offset }
                wordLength += 1
                if scalar.value >= 0x61 { wordIsUpperCase = false }
            } else if wordLength > 0 {
                flush()
            }
            offset += UTF8.width(scalar)
            previous = scalar
            current = next
        }
        flush()
        return found
    }

    /// Whether two neighbouring scalars, one of them an ASCII letter, belong to one grapheme
    /// cluster. Two ASCII scalars never do (CR LF aside, and neither is a letter); otherwise the
    /// standard library decides, which for an ASCII letter depends on the neighbour alone.
    private static func joins(_ first: Unicode.Scalar?, _ second: Unicode.Scalar?) -> Bool {
        guard let first, let second, !(first.isASCII && second.isASCII) else { return false }
        var pair = String.UnicodeScalarView()
        pair.append(first)
        pair.append(second)
        return String(pair).count == 1
    }

    /// A lower-case file-name part made of letters, digits and hyphens.
    static func fileNamePart(_ text: String) -> String {
        var out = ""
        var lastWasHyphen = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasHyphen = false
            } else if !lastWasHyphen {
                out.append("-")
                lastWasHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(40))
    }
}

// MARK: - The state as of a day

// A state replayed as of the day (what every export and the app's look-back use) already holds
// exactly what belongs to that day, by the journal's rules (set-up content recorded later
// included); the date filters below only narrow a state replayed to a later day.
extension MinutesState {
    /// Whether this state was replayed as of `day` or earlier, so that nothing needs filtering.
    func isReplayed(asOf day: Day) -> Bool { asOf.map { $0 <= day } ?? false }

    /// Whether a follow-up was still open at the end of `day`: raised on or before it and not
    /// closed on or before it.
    func isOpen(_ item: Item, asOf day: Day) -> Bool {
        guard item.kind == .followUp, item.meeting <= day || isReplayed(asOf: day) else { return false }
        guard let closed = item.state.closedOn else { return true }
        return closed > day
    }

    /// How many meetings after the one it was raised at a follow-up had stayed open into,
    /// counting meetings up to `day` only.
    func carriedCount(_ item: Item, asOf day: Day) -> Int {
        guard item.kind == .followUp, let group = groups[item.project.group] else { return 0 }
        let through = item.state.closedOn.map { min($0, day) } ?? day
        return group.meetingCount(after: item.meeting, through: through)
    }

    /// The follow-ups of a project still open at the end of `day`, oldest first.
    func openFollowUps(of ref: ProjectRef, asOf day: Day) -> [Item] {
        followUps(of: ref).filter { isOpen($0, asOf: day) }
    }

    /// The agreed actions of a project recorded on or before `day`.
    func actions(of ref: ProjectRef, asOf day: Day) -> [Item] {
        actions(of: ref).filter { $0.meeting <= day || isReplayed(asOf: day) }
    }

    /// Progress notes grouped by meeting, for meetings after `since` (when given) and on or
    /// before `through`, oldest first.
    func notesByMeeting(of ref: ProjectRef, after since: Day?, through: Day) -> [(day: Day, notes: [Item])] {
        notesByMeeting(of: ref).filter { block in
            block.day <= through && (since.map { block.day > $0 } ?? true)
        }
    }

    /// The latest rating given on or before `day`.
    func rating(of project: Project, asOf day: Day) -> StatusRating? {
        project.ratings.last { $0.meeting <= day }
    }

    /// The projects of a group that existed by the end of `day`, in agenda order: added on or
    /// before it, or holding something dated on or before it (a journal typed up after the fact
    /// adds its projects after the meetings whose notes they carry).
    func projects(in group: String, asOf day: Day) -> [Project] {
        if isReplayed(asOf: day) { return projects(in: group) }
        return projects(in: group).filter { project in
            project.createdOn <= day
                || project.ratings.first.map { $0.meeting <= day } == true
                || [project.actions, project.notes, project.followUps].contains { ids in
                    ids.contains { items[$0].map { $0.meeting <= day } ?? false }
                }
        }
    }

    /// The groups that existed by the end of `day`: added on or before it, or meeting by then.
    func groups(asOf day: Day) -> [Group] {
        groupList.filter { $0.createdOn <= day || ($0.meetings.first.map { $0.date <= day } ?? false) }
    }

    /// The latest meeting of a group held on or before `day`.
    func latestMeeting(of group: Group, onOrBefore day: Day) -> Meeting? {
        group.meeting(on: day) ?? group.meeting(before: day)
    }
}
