import Foundation
import MinutesCore

/// The review pass (`R`): each follow-up carried into the meeting, one at a time.
extension AppUpdate {
    static func startReview(_ ui: inout UIState, _ c: AppContext) {
        guard let g = ui.group, let m = Select.currentMeeting(ui, c) else {
            ui.status = .error("No meeting yet: press m to open one.")
            return
        }
        // The agenda's order: the minutes of the last meeting come before matters arising.
        if ui.isWritable, let previous = c.state.groups[g]?.meeting(before: m)?.date,
           c.state.approval(of: g, meeting: previous) == nil {
            ui.reviewReturn = .approval(meeting: m, previous: previous)
            ui.mode = .approval(meeting: m, previous: previous)
            return
        }
        enterFollowUps(&ui, m, c)
    }

    /// The follow-ups carried into `m`, from the first not yet reviewed.
    static func enterFollowUps(_ ui: inout UIState, _ m: Day, _ c: AppContext) {
        guard let g = ui.group else { ui.mode = .browse; return }
        let entries = c.state.reviewEntries(group: g, meeting: m)
        guard !entries.isEmpty else {
            ui.mode = .browse
            ui.status = .info("Nothing was carried into the meeting of \(m.long).")
            return
        }
        ui.mode = .review(meeting: m, index: entries.firstIndex { !$0.isReviewed } ?? 0)
    }

    /// The review's first step: the minutes of the last meeting approved, with amendments, or not yet.
    static func handleApproval(_ ui: inout UIState, _ meeting: Day, _ previous: Day, _ key: Key, _ c: AppContext) -> [Effect] {
        guard let g = ui.group else { ui.mode = .browse; return [] }
        guard let action = c.keyMap.action(for: key, in: .approval, writable: ui.isWritable) else { return [] }
        ui.status = nil
        ui.reviewReturn = .approval(meeting: meeting, previous: previous)
        switch action {
        case .approveMinutes:
            ui.mode = .browse
            return [.record(RecordRequest([.approve(group: g, meeting: previous, at: meeting, amendments: nil)],
                                          message: "Minutes of \(previous.long) approved.", after: .approved(meeting)))]
        case .approveWithAmendments:
            ui.mode = .input(InputLine(.approvalAmendments(meeting: meeting, previous: previous), prompt: "Amendments"))
        case .notYetApproved:
            ui.reviewReturn = nil
            enterFollowUps(&ui, meeting, c)
        case .help:
            ui.mode = .help
        default: break
        }
        return []
    }

    /// Whether `mode` is a step of the review pass (help and input lines go back to it).
    static func isReviewMode(_ mode: Mode) -> Bool {
        switch mode {
        case .review, .approval: return true
        default: return false
        }
    }

    static func handleReview(_ ui: inout UIState, _ meeting: Day, _ index: Int, _ key: Key, _ c: AppContext) -> [Effect] {
        guard let g = ui.group else { ui.mode = .browse; return [] }
        let entries = c.state.reviewEntries(group: g, meeting: meeting)
        guard !entries.isEmpty else { ui.mode = .browse; return [] }
        let i = min(index, entries.count - 1)
        let entry = entries[i]
        guard let action = c.keyMap.action(for: key, in: .review, writable: ui.isWritable) else { return [] }
        ui.status = nil  // "Kept: carried on." was about the item before
        ui.reviewReturn = .review(meeting: meeting, index: i)
        let open = entry.item.state.isOpen
        switch action {
        case .reviewDone where open:
            ui.mode = .input(InputLine(.reviewOutcome(entry.item.id), prompt: "Done. Outcome (optional, noted too)"))
        case .reviewKeep where open && entry.decision == .carry:
            ui.status = .info("Already kept at this meeting.")  // a second carry would say nothing new
        case .reviewKeep where open:
            return [.record(RecordRequest([.carry(ref: entry.item.id, meeting: meeting)],
                                          message: "Kept: carried on.", after: .advanceReview))]
        case .reviewReassign where open:
            ui.mode = .input(InputLine(.reviewReassign(entry.item.id), prompt: "Reassign to", text: Owner.phrase(entry.item.owners)))
        case .reviewDrop where open:
            ui.mode = .input(InputLine(.reviewDropReason(entry.item.id), prompt: "Drop: reason"))
        case .reviewDone, .reviewKeep, .reviewReassign, .reviewDrop:
            ui.status = .info("Already \(entry.item.state.word); u undoes it.")
        case .reviewSkip:
            if i + 1 < entries.count { ui.mode = .review(meeting: meeting, index: i + 1) } else { finishReview(&ui, entries) }
        case .reviewPrevious:
            ui.mode = .review(meeting: meeting, index: max(0, i - 1))
        case .help:
            ui.mode = .help
        case .leave:
            ui.mode = .browse
            let done = entries.filter(\.isReviewed).count
            ui.status = .info("Review left: \(done) of \(entries.count) reviewed. R resumes.")
        default: break
        }
        return []
    }

    static func finishReview(_ ui: inout UIState, _ entries: [ReviewEntry]) {
        ui.mode = .browse
        let done = entries.filter(\.isReviewed).count
        ui.status = .info(done == entries.count ? "Review complete: all \(done) reviewed."
                                                : "End of the review: \(done) of \(entries.count) reviewed. R resumes.")
    }

}
