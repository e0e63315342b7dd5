import MinutesCore

/// A row of the Progress column: a meeting's date heading, or a note under it.
public enum ProgressRow: Sendable, Hashable {
    case heading(Day)
    case note(Item)
}

/// A follow-up as the panel shows it.
public struct FollowUpRow: Sendable, Hashable {
    public let item: Item
    public let carried: Int
    /// Its due date, when one was set, and where it stands (nil once closed).
    public var due: Day? = nil
    public var status: DueStatus? = nil
    public var isConfidential = false
    /// Whether it is carried 2 or more times: shown as overdue everywhere.
    public var isOverdue: Bool { carried >= 2 && item.state.isOpen }
}

/// What one project's panel holds, derived from the state: the three columns' items.
///
/// Built once per project and state version and cached by the runtime, so moving the
/// selection does not walk the project's items again.
public struct PanelModel: Sendable {
    public let project: Project
    public let actions: [Item]
    public let progress: [ProgressRow]
    public let followUps: [FollowUpRow]
    /// The items marked confidential (few: read from the state's side table).
    public let confidential: Set<EventID>
    /// The rows' wrapped lines, made when first drawn (see `WrappedRows`).
    let wrapped = WrappedRows()

    /// Builds the panel; follow-ups closed at `meeting` stay listed (struck through) so the
    /// minute-taker sees what was just decided.
    public init(state: MinutesState, project: Project, meeting: Day?) {
        self.project = project
        confidential = Set(state.formal.confidentialMarks.keys)
        actions = state.actions(of: project.ref)
        var rows: [ProgressRow] = []
        // Decisions are listed under their meeting's date, after its notes.
        var decisions = state.decisions(of: project.ref)
        for block in state.notesByMeeting(of: project.ref) {
            let taken = decisions.filter { $0.meeting == block.day }
            decisions.removeAll { $0.meeting == block.day }
            rows.append(.heading(block.day))
            rows += (block.notes + taken).map(ProgressRow.note)
        }
        for day in Set(decisions.map(\.meeting)).sorted() {
            let at = rows.firstIndex { if case .heading(let d) = $0 { return d > day } else { return false } } ?? rows.count
            rows.insert(contentsOf: [.heading(day)] + decisions.filter { $0.meeting == day }.map(ProgressRow.note), at: at)
        }
        progress = rows
        let today = meeting ?? Day.today()
        followUps = state.followUps(of: project.ref).compactMap { item in
            let keep = item.state.isOpen || (meeting != nil && item.state.closedOn == meeting)
            return keep ? FollowUpRow(item: item, carried: state.carriedCount(item), due: state.dueDate(item),
                                      status: state.dueStatus(item, today: today), isConfidential: state.isConfidential(item)) : nil
        }
    }
}

/// Wrapped lines of a panel's rows, remembered per column, width and row.
///
/// Sanitizing and wrapping text is most of what drawing a panel costs, and every frame
/// draws (and scrolling measures) the same rows again; a row's lines change only with the
/// journal, which makes a new `PanelModel`, or with the column's width, which is in the key.
/// Selection and search highlighting are applied when drawing, on top of these lines.
final class WrappedRows: @unchecked Sendable {
    // @unchecked: like `PanelCache`, used only from the one thread that runs the UI.
    private struct Key: Hashable {
        let column: Column
        let width: Int
        let row: Int
    }

    private var lines: [Key: [StyledLine]] = [:]

    func lines(_ column: Column, width: Int, row: Int, make: () -> [StyledLine]) -> [StyledLine] {
        let key = Key(column: column, width: width, row: row)
        if let cached = lines[key] { return cached }
        if lines.count >= 8192 { lines.removeAll(keepingCapacity: true) }  // bounds memory after many resizes
        let made = make()
        lines[key] = made
        return made
    }
}
