/// What formal minutes record beyond the items: due dates and confidential marks on items,
/// any other business, approvals of minutes (docs/journal-format.md, section 7).
///
/// Kept beside the state's items rather than in them: a journal of a million events has a
/// million items and few of these, so an item grows by nothing (see `Item`), and replay of a
/// journal without them pays one failed switch case per event.
public struct FormalRecords: Sendable, Hashable {
    /// Each change of a follow-up's due date, by the follow-up's id, in the order applied.
    public internal(set) var dueChanges: [EventID: [DueChange]] = [:]
    /// The standing `confidential` events, by the id of the item they mark.
    public internal(set) var confidentialMarks: [EventID: [EventID]] = [:]
    /// Any other business, by group, ordered by meeting, then as recorded.
    public internal(set) var otherBusiness: [String: [OtherBusiness]] = [:]
    /// Approvals of minutes, by group, in the order applied (retracted ones removed).
    public internal(set) var approvals: [String: [Approval]] = [:]
    /// Which item each `due` or `confidential` event names, so that a retraction finds it.
    var markedItem: [EventID: EventID] = [:]

    public init() {}

    /// Removes what a retracted `due`, `confidential`, `aob` or `approve` event recorded;
    /// false when it was already gone.
    mutating func retract(_ id: EventID) -> Bool {
        if let item = markedItem.removeValue(forKey: id) {
            if var marks = confidentialMarks[item], let k = marks.firstIndex(of: id) {
                marks.remove(at: k)
                confidentialMarks[item] = marks.isEmpty ? nil : marks
                return true
            }
            if var changes = dueChanges[item], let k = changes.firstIndex(where: { $0.id == id }) {
                changes[k].isRetracted = true
                dueChanges[item] = changes
                return true
            }
            return false
        }
        for (g, list) in otherBusiness {
            if let k = list.firstIndex(where: { $0.id == id }) {
                otherBusiness[g]!.remove(at: k)
                return true
            }
        }
        for (g, list) in approvals {
            if let k = list.firstIndex(where: { $0.id == id }) {
                approvals[g]!.remove(at: k)
                return true
            }
        }
        return false
    }
}

/// A change of a follow-up's due date.
public struct DueChange: Sendable, Hashable {
    public let id: EventID
    public let recorded: Timestamp
    /// The meeting it was decided at, or the day it was recorded.
    public let decidedOn: Day
    public let due: Day
    public internal(set) var isRetracted = false
}

/// An item of any other business.
public struct OtherBusiness: Sendable, Hashable {
    public let id: EventID
    public let group: String
    public let meeting: Day
    public let text: String
}

/// The minutes of `meeting` approved as a true record at the meeting of `at`.
public struct Approval: Sendable, Hashable {
    public let id: EventID
    public let recorded: Timestamp
    public let group: String
    public let meeting: Day
    public let at: Day
    public let amendments: String?
}

/// Where a follow-up stands against its due date, as a RAG marker shows it.
public enum DueStatus: String, Sendable, Hashable, CaseIterable {
    case onTrack = "on track", dueSoon = "due soon", overdue

    /// A symbol beside the colour, since colour alone is not enough.
    public var symbol: String {
        switch self {
        case .onTrack: return "●"
        case .dueSoon: return "▲"
        case .overdue: return "■"
        }
    }

    /// Red, amber, green.
    public var rag: String {
        switch self {
        case .onTrack: return "green"
        case .dueSoon: return "amber"
        case .overdue: return "red"
        }
    }

    /// The colour as RGB hex, for documents.
    public var colour: String {
        switch self {
        case .onTrack: return "2E7D32"
        case .dueSoon: return "B26A00"
        case .overdue: return "C62828"
        }
    }

    /// How long before its due date a follow-up counts as due soon.
    public static let soonDays = 14

    /// The status of an open follow-up on `today`: overdue once past its due date, or, with
    /// no due date, once carried into three or more meetings; due soon within `soonDays` of
    /// its date or once carried twice; else on track.
    public static func of(due: Day?, carried: Int, today: Day) -> DueStatus {
        if let due {
            if due < today { return .overdue }
            if Int(due.ordinal - today.ordinal) <= soonDays || carried >= 2 { return .dueSoon }
            return .onTrack
        }
        if carried >= 3 { return .overdue }
        if carried >= 2 { return .dueSoon }
        return .onTrack
    }
}

extension MinutesState {
    // MARK: - Applying

    mutating func applyOtherBusiness(_ e: Stamp, _ group: String, _ meeting: Day?, _ text: String, _ line: Int) -> Bool {
        guard let g = groups[group] else { return false }
        if let meeting, !g.hasMeeting(on: meeting) { datedToMeeting.append((line, group, meeting)) }
        let day = meeting ?? g.latestMeeting?.date ?? e.timestamp.day
        var list = formal.otherBusiness[group, default: []]
        let at = list.lastIndex { $0.meeting <= day }.map { $0 + 1 } ?? 0
        list.insert(OtherBusiness(id: e.id, group: group, meeting: day, text: text), at: at)
        formal.otherBusiness[group] = list
        targets[e.id] = .otherBusiness(group: group)
        return true
    }

    mutating func applyApproval(_ e: Stamp, _ group: String, _ meeting: Day, _ at: Day, _ amendments: String?, _ line: Int) -> Bool {
        if let before = formal.approvals[group]?.first(where: { $0.meeting == meeting }) {
            report(.warning(line: line, "the minutes of \(group) of \(meeting) were already approved at the meeting of \(before.at) (line \(linesOf[before.id] ?? 0)); this approval stands too",
                            hint: "retract one of them with: minutes retract ID", field: "date"))
        }
        linesOf[e.id] = line
        formal.approvals[group, default: []].append(
            Approval(id: e.id, recorded: e.timestamp, group: group, meeting: meeting, at: at, amendments: amendments))
        targets[e.id] = .approval(group: group)
        return true
    }

    mutating func applyDue(_ e: Stamp, _ ref: EventID, _ meeting: Day?, _ date: Day, _ line: Int) -> Bool {
        guard let position = itemPosition(ref) else { return false }
        let item = itemStorage[position]
        if date < item.meeting {
            report(.warning(line: line, "due \(date), before the meeting of \(item.meeting) the follow-up was raised at",
                            hint: "a due date is on or after the meeting", field: "date"))
        }
        formal.dueChanges[ref, default: []].append(
            DueChange(id: e.id, recorded: e.timestamp, decidedOn: meeting ?? e.timestamp.day, due: date))
        formal.markedItem[e.id] = ref
        targets[e.id] = .mark(item: position)
        return true
    }

    mutating func applyConfidential(_ e: Stamp, _ ref: EventID, _ line: Int) -> Bool {
        guard let position = itemPosition(ref) else { return false }
        formal.confidentialMarks[ref, default: []].append(e.id)
        formal.markedItem[e.id] = ref
        targets[e.id] = .mark(item: position)
        return true
    }

    // MARK: - Queries

    /// The follow-up's due date: the latest change that stands.
    public func dueDate(_ item: Item) -> Day? {
        formal.dueChanges[item.id]?.last { !$0.isRetracted }?.due
    }

    /// Every change of the follow-up's due date, retracted ones included.
    public func dueHistory(_ item: Item) -> [DueChange] { formal.dueChanges[item.id] ?? [] }

    public func isConfidential(_ item: Item) -> Bool { formal.confidentialMarks[item.id] != nil }
    public func isConfidential(_ id: EventID) -> Bool { formal.confidentialMarks[id] != nil }

    /// Where an open follow-up stands on `today` (nil for anything else).
    public func dueStatus(_ item: Item, today: Day) -> DueStatus? {
        guard item.kind == .followUp, item.state.isOpen else { return nil }
        return DueStatus.of(due: dueDate(item), carried: carriedCount(item), today: today)
    }

    /// The approval of the minutes of `group`'s meeting on `meeting`, if they were approved
    /// (the first that stands: a second is warned about).
    public func approval(of group: String, meeting: Day) -> Approval? {
        formal.approvals[group]?.first { $0.meeting == meeting }
    }

    /// The approvals given at the meeting of `at`.
    public func approvals(of group: String, at: Day) -> [Approval] {
        formal.approvals[group]?.filter { $0.at == at } ?? []
    }

    /// Any other business raised at `group`'s meeting on `meeting`.
    public func otherBusiness(of group: String, meeting: Day) -> [OtherBusiness] {
        formal.otherBusiness[group]?.filter { $0.meeting == meeting } ?? []
    }

    public func decisions(of ref: ProjectRef) -> [Item] { projects[ref]?.decisions.compactMap(item) ?? [] }

    /// Amendments made to an item after the minutes of its meeting were approved, with the
    /// approval they came after: a correction of the approved record, flagged wherever shown.
    public func postApprovalAmendments(_ item: Item) -> [(change: ItemChange, approval: Approval)] {
        guard let approval = approval(of: item.project.group, meeting: item.meeting) else { return [] }
        return item.changes.compactMap { c in
            guard case .amend = c.kind, !c.isRetracted, c.recorded > approval.recorded else { return nil }
            return (c, approval)
        }
    }
}
