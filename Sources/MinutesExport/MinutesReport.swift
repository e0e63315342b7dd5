import MinutesCore

/// The minutes of one meeting of a working group, laid out the way the groups write them:
/// a title, the date and who came, then one three-column table per project in agenda order
/// ("Actions required", "Progress: <date>", "To do by next meeting"), then a Who's who.
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
    public static func build(group slug: String, meeting day: Day? = nil, status: MinutesStatus = .draft,
                             state: MinutesState) throws -> ReportDocument {
        let (group, meeting) = try resolve(group: slug, meeting: day, state: state)
        return build(group: group, meeting: meeting, status: status, state: state)
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

    static func build(group: Group, meeting: Meeting, status: MinutesStatus = .draft, state: MinutesState) -> ReportDocument {
        let day = meeting.date
        var mentioned = Set<String>()
        // Initials only: "PCSOs" or "Schools" in a list are bodies, not people in the directory.
        func mention(_ values: [String]) {
            for value in values where Owner.looksLikeInitials(value) { mentioned.insert(value) }
        }

        var metadata = [ReportMetadata("Date", day.long)]
        metadata.append(ReportMetadata("Present", meeting.present.isEmpty ? "—" : meeting.present.joined(separator: ", ")))
        if !meeting.apologies.isEmpty {
            metadata.append(ReportMetadata("Apologies", meeting.apologies.joined(separator: ", ")))
        }
        if let chair = meeting.chair { metadata.append(ReportMetadata("Chair", chair)) }
        if let taker = meeting.minuteTaker { metadata.append(ReportMetadata("Minutes", taker)) }
        if let next = meeting.next, next > day { metadata.append(ReportMetadata("Next meeting", next.long)) }
        metadata.append(ReportMetadata("Status", status.label))
        mention(meeting.present + meeting.apologies + [meeting.chair, meeting.minuteTaker, group.lead].compactMap { $0 })

        var blocks: [ReportBlock] = []
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
            for action in state.actions(of: ref, asOf: day) {
                actions.blocks += SubPoints.split(action.text).listItem().cellBlocks
            }

            // Progress: every meeting's notes so far under its date, this meeting's last.
            var progress = ReportCell()
            for block in state.notesByMeeting(of: ref, after: nil, through: day) {
                progress.blocks.append(.subheading(ReportWording.date(block.day, near: day)))
                for note in block.notes {
                    progress.blocks += SubPoints.split(note.text).listItem().cellBlocks
                    mention(ReportWording.initialsMentioned(in: note.text, state: state))
                }
            }

            // To do by next meeting: what this meeting decided on (done or dropped, with what
            // came of it), then what is still open once it closed.
            var toDo = ReportCell()
            for item in state.followUps(of: ref) where item.state.closedOn == day {
                var text = ReportWording.followUp(item)
                switch item.state {
                case .done(let outcome, _): text += ReportText(" — done" + (outcome.map { ": " + $0 } ?? ""))
                case .dropped(let reason, _): text += ReportText(" — dropped: " + reason)
                case .open: break
                }
                toDo.blocks.append(.bullet(text))
                mention(item.owners.compactMap(\.initials))
            }
            for item in state.openFollowUps(of: ref, asOf: day) {
                var age = ReportText()
                if item.meeting < day {
                    var note = "from " + ReportWording.date(item.meeting, near: day)
                    let carried = state.carriedCount(item, asOf: day)
                    if carried > 0 { note += ", carried " + ReportWording.times(carried) }
                    age = ReportText(" (\(note))")
                }
                // The age follows the follow-up's own words, before its sub-points.
                let split = SubPoints.split(item.text)
                toDo.blocks += split.listItem(prefix: ReportWording.ownersPrefix(item), suffix: age).cellBlocks
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

        let who = ReportWording.whoIsWho(mentioned, state: state)
        if !who.isEmpty {
            blocks.append(.heading(level: 1, text: "Who's who"))
            blocks.append(.definitionList(who))
        }

        return ReportDocument(
            title: group.name + " — Minutes",
            metadata: metadata,
            orientation: .landscape,
            blocks: blocks,
            footer: [group.name, "Minutes of " + day.long, status.label].joined(separator: " · ")
        )
    }

    /// Where the minutes stand. Formal approval comes with a later issue; until then every
    /// export is a draft, and the footer and the Status line say so.
    public enum MinutesStatus: Sendable, Hashable {
        case draft
        case approved(on: Day)

        /// "Draft", "Approved 17 September 2009".
        public var label: String {
            switch self {
            case .draft: return "Draft"
            case .approved(let day): return "Approved " + day.long
            }
        }
    }

    /// Up to three meeting dates closest to `day`, for the error that names none held on it.
    static func nearestMeetings(of group: Group, to day: Day) -> [Day] {
        let dates = group.meetings.map(\.date)
        return Array(dates.sorted { abs($0.ordinal - day.ordinal) < abs($1.ordinal - day.ordinal) }.prefix(3)).sorted()
    }
}
