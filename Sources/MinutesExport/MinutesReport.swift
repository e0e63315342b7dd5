import MinutesCore

/// The minutes of one meeting of a working group, laid out the way the groups write them:
/// a title, the date and who came, the minutes of the last meeting and matters arising, then
/// one three-column table per project in agenda order ("Actions required", "Progress: <date>",
/// "To do by next meeting"), any other business, the date of the next meeting, a Who's who.
///
/// The report shows the group as it stood at the end of that meeting: notes of that meeting and
/// every earlier one, follow-ups still open once it closed (carried ones marked with the date
/// they were raised and how many meetings they have been carried into). Pass a state replayed
/// as of the meeting (`JournalLoader.load(path:asOf:)`) to also see the text as it was then
/// rather than as later amended; see `ReportWording.swift`.
public enum MinutesReport {

    /// The column titles; the middle one gets the meeting's date.
    public static let actionsColumn = "Actions required"
    public static let progressColumn = "Progress"
    public static let toDoColumn = "To do by next meeting"

    /// The minutes of `group`'s meeting on `meeting`, or of its latest meeting when nil.
    /// `status` nil takes it from the journal (an `approve` entry); confidential items are
    /// left out, and counted, unless `includeConfidential`.
    public static func build(group slug: String, meeting day: Day? = nil, status: MinutesStatus? = nil,
                             includeConfidential: Bool = false, state: MinutesState) throws -> ReportDocument {
        let (group, meeting) = try resolve(group: slug, meeting: day, state: state)
        return build(group: group, meeting: meeting, status: status, includeConfidential: includeConfidential, state: state)
    }

    /// The group and meeting a request names; throws `ExportError` when either is unknown.
    public static func resolve(group slug: String, meeting day: Day?, state: MinutesState) throws -> (Group, Meeting) {
        guard let group = state.groups[slug] else {
            throw ExportError.unknownGroup(slug, known: state.groupOrder)
        }
        guard let latest = group.latestMeeting else { throw ExportError.noMeetings(group: slug) }
        guard let day else { return (group, latest) }
        guard let meeting = group.meeting(on: day) else {
            throw ExportError.noMeeting(group: slug, on: day, nearest: nearestMeetings(of: group, to: day))
        }
        return (group, meeting)
    }

    /// Where the minutes of `group`'s meeting on `day` stand, from the journal.
    public static func status(group: String, meeting day: Day, state: MinutesState) -> MinutesStatus {
        guard let a = state.approval(of: group, meeting: day) else { return .draft }
        return .approved(on: a.at, amendments: a.amendments)
    }

    /// The minutes in the standard order: attendance (under the title), minutes of the last
    /// meeting, matters arising, the projects in number order, any other business, date of
    /// next meeting. A section with nothing to say is left out, so a group that does not use
    /// one (no AOB, no approvals) does not see it.
    static func build(group: Group, meeting: Meeting, status: MinutesStatus? = nil, includeConfidential: Bool = false,
                      state: MinutesState) -> ReportDocument {
        let day = meeting.date
        let status = status ?? Self.status(group: group.slug, meeting: day, state: state)
        var mentioned = Set<String>()
        // Initials only: "PCSOs" or "Schools" in a list are bodies, not people in the directory.
        func mention(_ values: [String]) {
            for value in values where Owner.looksLikeInitials(value) { mentioned.insert(value) }
        }
        var withheld = Set<EventID>()
        /// Whether an item goes in this copy: confidential ones are counted (once, though a
        /// follow-up shows under matters arising and its project) and left out.
        func shown(_ item: Item) -> Bool {
            guard !includeConfidential, state.isConfidential(item) else { return true }
            withheld.insert(item.id)
            return false
        }
        func marked(_ item: Item) -> ReportText {
            includeConfidential && state.isConfidential(item) ? .bold("[Confidential] ") : ReportText()
        }

        var metadata = [ReportMetadata("Date", day.long)]
        metadata.append(ReportMetadata("Present", meeting.present.isEmpty ? "—" : meeting.present.joined(separator: ", ")))
        if !meeting.apologies.isEmpty {
            metadata.append(ReportMetadata("Apologies", meeting.apologies.joined(separator: ", ")))
        }
        if !meeting.inAttendance.isEmpty {
            metadata.append(ReportMetadata("In attendance", meeting.inAttendance.joined(separator: ", ")))
        }
        if let chair = meeting.chair { metadata.append(ReportMetadata("Chair", chair)) }
        if let taker = meeting.minuteTaker { metadata.append(ReportMetadata("Minutes", taker)) }
        if let next = meeting.next, next > day { metadata.append(ReportMetadata("Next meeting", next.long)) }
        metadata.append(ReportMetadata("Status", status.detail))
        mention(meeting.present + meeting.apologies + meeting.inAttendance + [meeting.chair, meeting.minuteTaker, group.lead].compactMap { $0 })

        var blocks: [ReportBlock] = []
        blocks += MinutesSections.lastMeeting(group: group, day: day, state: state)
        let arising = MinutesSections.mattersArising(group: group, day: day, state: state, shown: shown)
        blocks += arising.blocks
        mention(arising.owners)

        let projects = state.projects(in: group.slug, asOf: day)
        if projects.isEmpty {
            blocks.append(.paragraph("No projects yet."))
        }
        for project in projects {
            let ref = project.ref

            // Actions required: the headline in bold, the project lead, then the agreed actions.
            var actions = ReportCell([.paragraph(.bold(project.headline))])
            if let lead = project.plan.lead {
                actions.blocks.append(.paragraph(ReportText("Lead: " + lead)))
                mention([lead])
            }
            for action in state.actions(of: ref, asOf: day) where shown(action) {
                actions.blocks += SubPoints.split(action.text).listItem(prefix: marked(action)).cellBlocks
            }

            // Progress: every meeting's notes so far under its date, this meeting's last,
            // with this meeting's decisions after its notes.
            var progress = ReportCell()
            let decisions = state.decisions(of: ref).filter { $0.meeting == day && shown($0) }
            var decisionsShown = false
            for block in state.notesByMeeting(of: ref, after: nil, through: day) {
                let notes = block.notes.filter(shown)
                if notes.isEmpty && !(block.day == day && !decisions.isEmpty) { continue }
                progress.blocks.append(.subheading(ReportWording.date(block.day, near: day)))
                for note in notes {
                    progress.blocks += SubPoints.split(note.text).listItem(prefix: marked(note)).cellBlocks
                    mention(ReportWording.initialsMentioned(in: note.text, state: state))
                }
                if block.day == day {
                    progress.blocks += decisions.map { .bullet(marked($0) + ReportWording.decision($0)) }
                    decisionsShown = true
                }
            }
            if !decisionsShown, !decisions.isEmpty {
                progress.blocks.append(.subheading(ReportWording.date(day, near: day)))
                progress.blocks += decisions.map { .bullet(marked($0) + ReportWording.decision($0)) }
            }

            // To do by next meeting: what this meeting decided on (done or dropped, with what
            // came of it), then what is still open once it closed, with its due date and status.
            var toDo = ReportCell()
            for item in state.followUps(of: ref) where item.state.closedOn == day && shown(item) {
                var text = marked(item) + ReportWording.followUp(item)
                switch item.state {
                case .done(let outcome, _): text += ReportText(" — done" + (outcome.map { ": " + $0 } ?? ""))
                case .dropped(let reason, _): text += ReportText(" — dropped: " + reason)
                case .open: break
                }
                toDo.blocks.append(.bullet(text))
                mention(item.owners.compactMap(\.initials))
            }
            for item in state.openFollowUps(of: ref, asOf: day) where shown(item) {
                var age = ReportText()
                if item.meeting < day {
                    var note = "from " + ReportWording.date(item.meeting, near: day)
                    let carried = state.carriedCount(item, asOf: day)
                    if carried > 0 { note += ", carried " + ReportWording.times(carried) }
                    age = ReportText(" (\(note))")
                }
                age += ReportWording.due(item, state: state, asOf: day)
                // The age follows the follow-up's own words, before its sub-points.
                let split = SubPoints.split(item.text)
                toDo.blocks += split.listItem(prefix: marked(item) + ReportWording.ownersPrefix(item), suffix: age).cellBlocks
                mention(item.owners.compactMap(\.initials))
                mention(ReportWording.initialsMentioned(in: item.text, state: state))
            }

            if progress.isEmpty { progress = ReportCell(text: "No progress noted yet.") }
            if toDo.isEmpty { toDo = ReportCell(text: "Nothing outstanding.") }

            blocks.append(.heading(level: 1, text: "Project \(ref.number)"))
            blocks.append(.table(ReportTable(
                columns: [actionsColumn, "\(progressColumn): \(day.long)", toDoColumn],
                rows: [[actions, progress, toDo]],
                columnWeights: [1.0, 1.35, 1.0]
            )))
        }

        blocks += MinutesSections.otherBusiness(group: group, day: day, state: state)
        blocks += MinutesSections.nextMeeting(meeting)
        // Said first, where a reader of the circulated copy sees it before anything else.
        if !withheld.isEmpty {
            blocks.insert(.paragraph(ReportText(ReportWording.withheld(withheld.count))), at: 0)
        }

        let who = ReportWording.whoIsWho(mentioned, state: state)
        if !who.isEmpty {
            blocks.append(.heading(level: 1, text: "Who's who"))
            blocks.append(.definitionList(who))
        }

        return ReportDocument(
            title: group.name + " — Minutes" + (status == .draft ? " (DRAFT)" : ""),
            metadata: metadata,
            orientation: .landscape,
            blocks: blocks,
            footer: [group.name, "Minutes of " + day.long, status.label].joined(separator: " · "),
            header: status == .draft ? "DRAFT" : status.label
        )
    }

    /// Where the minutes stand: a draft until a later meeting approves them as a true record
    /// (`minutes approve`); the footer and the Status line say which.
    public enum MinutesStatus: Sendable, Hashable {
        case draft
        /// Approved at the meeting of `on`, with the amendments made first.
        case approved(on: Day, amendments: String? = nil)

        /// "DRAFT", "Approved at the meeting of 17 September 2009": the footer's words.
        public var label: String {
            switch self {
            case .draft: return "DRAFT"
            case .approved(let day, _): return "Approved at the meeting of " + day.long
            }
        }

        /// The Status line: the label, and the amendments made before approving.
        public var detail: String {
            switch self {
            case .draft: return "DRAFT: not yet approved"
            case .approved(_, let amendments): return label + (amendments.map { ", with amendments: " + $0 } ?? "")
            }
        }
    }

    /// Up to three meeting dates closest to `day`, for the error that names none held on it.
    static func nearestMeetings(of group: Group, to day: Day) -> [Day] {
        let dates = group.meetings.map(\.date)
        return Array(dates.sorted { abs($0.ordinal - day.ordinal) < abs($1.ordinal - day.ordinal) }.prefix(3)).sorted()
    }
}
