/// Everything a key can ask the app to do.
public enum Action: String, Sendable, CaseIterable {
    case nextProject, previousProject, jumpToProject
    case nextColumn, previousColumn
    case moveUp, moveDown, pageUp, pageDown, moveFirst, moveLast
    case switchGroup, quit, help
    case addAction, addNote, addFollowUp, addDecision, addOtherBusiness, toggleConfidential
    case edit, markDone, drop, reassign, undo, redo, retract
    case search, nextHit, previousHit
    case outstandingTab, repaint, sync
    case save, cancel, lineBreak, complete, deleteWord, clearLine
    case addPerson
    case openMeeting, review, rate, plan, groupPlan
    case lookBackEarlier, lookBackLater, history
    case export
    case toggleGrouping, toggleAllGroups, filterOwner, jumpToItem, toggleAttention
    case showProblems
    case reviewDone, reviewKeep, reviewReassign, reviewDrop, reviewSkip, reviewPrevious, leave
    case approveMinutes, approveWithAmendments, notYetApproved
    case changeField, addToField, removeField, closePlan
}

/// Where a binding applies: what the screen is showing.
public enum KeyContext: String, Sendable, CaseIterable {
    /// A project panel, with the journal writable.
    case panel
    /// The Outstanding tab.
    case outstanding
    /// The review pass.
    case review
    /// The review's first step: approving the minutes of the last meeting.
    case approval
    /// Anywhere outside an input line.
    case global
    /// The input area (keys the line editor handles; listed for the footer and help).
    case input
    /// A plan (`p`, `P`): its lines.
    case plan
}

/// One binding: the keys, what they do, and the words the footer and help use for it.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let context: KeyContext
    /// Short footer label, e.g. "follow-up"; nil keeps the binding out of the footer.
    public let footer: String?
    /// Help line, e.g. "Add a follow-up (\"KP to …\") at this meeting".
    public let help: String
    /// Whether it writes to the journal (hidden when read-only).
    public let writes: Bool

    public init(_ keys: [Key], _ action: Action, _ context: KeyContext, footer: String?, help: String, writes: Bool = false) {
        self.keys = keys
        self.action = action
        self.context = context
        self.footer = footer
        self.help = help
        self.writes = writes
    }

    /// The keys as the footer shows them: "t", "Tab/S-Tab", "↑↓".
    public var keyLabel: String {
        if keys == [.up, .down] || keys == [.up, .char("k")] { return "↑↓" }
        return keys.map(\.label).joined(separator: "/")
    }
}

/// The app's key bindings, in one value, so that key handling, the footer and the help
/// screen can never disagree (as in bubbles' `list/keys.go`).
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    public static let standard = KeyMap(bindings: [
        // Panel: capture first, since the footer shows the first few.
        KeyBinding([.char("t")], .addFollowUp, .panel, footer: "follow-up", help: "Add a follow-up (\"KP to …\") at this meeting", writes: true),
        KeyBinding([.char("n")], .addNote, .panel, footer: "note", help: "Add a progress note at this meeting", writes: true),
        KeyBinding([.char("a")], .addAction, .panel, footer: "action", help: "Add an agreed action", writes: true),
        KeyBinding([.char("d")], .addDecision, .panel, footer: nil, help: "Add a decision taken at this meeting", writes: true),
        KeyBinding([.char("B")], .addOtherBusiness, .panel, footer: nil, help: "Add an item of any other business at this meeting", writes: true),
        KeyBinding([.char("C")], .toggleConfidential, .panel, footer: nil, help: "Mark the selected item confidential, or unmark it", writes: true),
        KeyBinding([.char("x")], .markDone, .panel, footer: "done", help: "Mark the selected follow-up done (outcome noted too)", writes: true),
        KeyBinding([.enter, .char("e")], .edit, .panel, footer: "edit", help: "Edit the selected item (recorded as an amendment)", writes: true),
        KeyBinding([.char("D")], .drop, .panel, footer: nil, help: "Drop the selected follow-up, with a reason", writes: true),
        KeyBinding([.char("r")], .reassign, .panel, footer: nil, help: "Reassign the selected follow-up", writes: true),
        KeyBinding([.char("u")], .undo, .panel, footer: "undo", help: "Undo your last change (asks first if it is off screen)", writes: true),
        KeyBinding([.ctrl("r")], .redo, .panel, footer: nil, help: "Redo the change you last undid", writes: true),
        KeyBinding([.char("U")], .retract, .panel, footer: nil, help: "Retract the selected entry, whoever wrote it (asks first)", writes: true),
        KeyBinding([.char("m")], .openMeeting, .panel, footer: "meeting", help: "Open a meeting (or continue the one on that date)", writes: true),
        KeyBinding([.char("R")], .review, .panel, footer: "review", help: "Review the follow-ups carried into this meeting", writes: true),
        KeyBinding([.char("s")], .rate, .panel, footer: nil, help: "Rate this project for this meeting", writes: true),
        KeyBinding([.char("p")], .plan, .panel, footer: nil, help: "Show and edit the project's plan"),
        KeyBinding([.char("P")], .groupPlan, .panel, footer: nil, help: "Show and edit the group's plan"),
        KeyBinding([.char("L")], .history, .panel, footer: nil, help: "Show the selected item's history"),
        KeyBinding([.char("+")], .addPerson, .panel, footer: nil, help: "Add a person to the directory", writes: true),
        // Outstanding tab.
        KeyBinding([.enter], .jumpToItem, .outstanding, footer: "go to", help: "Jump to the selected follow-up in its project"),
        KeyBinding([.char("o")], .toggleGrouping, .outstanding, footer: "by owner/project", help: "Group by owner or by project"),
        KeyBinding([.char("A")], .toggleAllGroups, .outstanding, footer: "all groups", help: "Show this group or all groups"),
        KeyBinding([.char("v")], .toggleAttention, .outstanding, footer: nil, help: "Show only overdue and due-soon follow-ups, or all"),
        KeyBinding([.char("f")], .filterOwner, .outstanding, footer: "filter", help: "Filter by owner (empty shows everyone)"),
        // Review pass.
        KeyBinding([.char("x"), .char("d")], .reviewDone, .review, footer: "done", help: "Done: type the outcome once (also recorded as a progress note)", writes: true),
        KeyBinding([.char("k")], .reviewKeep, .review, footer: "keep", help: "Keep: carry it on to the next meeting", writes: true),
        KeyBinding([.char("r")], .reviewReassign, .review, footer: "reassign", help: "Reassign it to someone else", writes: true),
        KeyBinding([.char("D")], .reviewDrop, .review, footer: "drop", help: "Drop it, with a reason", writes: true),
        KeyBinding([.char("s"), .down], .reviewSkip, .review, footer: "skip", help: "Skip it for now"),
        KeyBinding([.up], .reviewPrevious, .review, footer: nil, help: "Back to the previous item"),
        KeyBinding([.char("?")], .help, .review, footer: "help", help: "Show all keys, then come back to the review"),
        KeyBinding([.escape, .char("q")], .leave, .review, footer: "leave", help: "Leave the review (resume it with R)"),
        // The review's first step: the minutes of the last meeting.
        KeyBinding([.char("a")], .approveMinutes, .approval, footer: "approve", help: "Approve the minutes of the last meeting as a true record", writes: true),
        KeyBinding([.char("A")], .approveWithAmendments, .approval, footer: "with amendments", help: "Approve them with amendments (typed next)", writes: true),
        KeyBinding([.char("n"), .escape], .notYetApproved, .approval, footer: "not yet", help: "Not yet: go on to the follow-ups"),
        KeyBinding([.char("?")], .help, .approval, footer: "help", help: "Show all keys, then come back to the approval"),
        // A plan.
        KeyBinding([.enter, .char("e")], .changeField, .plan, footer: "change", help: "Plan: change the selected line", writes: true),
        KeyBinding([.char("a")], .addToField, .plan, footer: "add", help: "Plan: add an item (priority, link …) after this one", writes: true),
        KeyBinding([.char("d")], .removeField, .plan, footer: "remove", help: "Plan: remove this item, or empty the field", writes: true),
        KeyBinding([.escape, .char("q")], .closePlan, .plan, footer: "close", help: "Close the plan"),
        // Everywhere.
        KeyBinding([.tab, .backTab], .nextProject, .global, footer: "project", help: "Next / previous project (or 1–9)"),
        KeyBinding([.char("0")], .outstandingTab, .global, footer: nil, help: "Go to the Outstanding tab"),
        KeyBinding([.left, .right], .nextColumn, .global, footer: nil, help: "Previous / next column (or h/l)"),
        KeyBinding([.up, .down], .moveDown, .global, footer: nil, help: "Previous / next item (or k/j; PgUp/PgDn, Home/End)"),
        KeyBinding([.char("/")], .search, .global, footer: "search", help: "Search all text in the group; ^N/^P next/previous hit"),
        KeyBinding([.char("["), .char("]")], .lookBackEarlier, .global, footer: nil, help: "Step back / forward through the group's meetings (read-only)"),
        KeyBinding([.char("g")], .switchGroup, .global, footer: nil, help: "Switch group"),
        KeyBinding([.char("E")], .export, .global, footer: nil, help: "Export minutes, a monitoring report or action lists"),
        KeyBinding([.char("!")], .showProblems, .global, footer: nil, help: "Show problems found in the journal"),
        KeyBinding([.char("S")], .sync, .global, footer: nil, help: "Sync the journal with git; the result is shown"),
        KeyBinding([.ctrl("l")], .repaint, .global, footer: nil, help: "Repaint the screen"),
        KeyBinding([.char("?")], .help, .global, footer: "help", help: "Show all keys"),
        KeyBinding([.char("q")], .quit, .global, footer: "quit", help: "Quit (everything is already saved)"),
        // The input area.
        KeyBinding([.enter], .save, .input, footer: "save", help: "Save the entry"),
        KeyBinding([.escape], .cancel, .input, footer: "cancel", help: "Cancel (asks before losing more than a few words)"),
        KeyBinding([.alt("\n")], .lineBreak, .input, footer: "new line", help: "New line in an entry; \"- \" starts a sub-point"),
        KeyBinding([.tab], .complete, .input, footer: "complete name", help: "Complete initials or a name from the directory"),
        KeyBinding([.ctrl("w")], .deleteWord, .input, footer: "delete word", help: "Delete the word before the cursor"),
        KeyBinding([.ctrl("u")], .clearLine, .input, footer: "clear", help: "Delete everything before the cursor"),
    ])

    /// The action a key triggers in a context, falling back to the global bindings. Keys
    /// that the help lists as alternatives (h/l, j/k, 1–9 …) are handled here too.
    public func action(for key: Key, in context: KeyContext, writable: Bool) -> Action? {
        if context == .input { return nil }  // the line editor reads its own keys
        for b in bindings where b.context == context && b.keys.contains(key) && (writable || !b.writes) {
            return resolve(b.action, key)
        }
        if context == .review || context == .approval { return nil }
        if context == .plan {
            switch key {
            case .up, .char("k"): return .moveUp
            case .down, .char("j"): return .moveDown
            default: return nil
            }
        }
        for b in bindings where b.context == .global && (writable || !b.writes) && b.keys.contains(key) {
            return resolve(b.action, key)
        }
        switch key {
        case .char("h"): return .previousColumn
        case .char("l"): return .nextColumn
        case .char("k"): return .moveUp
        case .char("j"): return .moveDown
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .moveFirst
        case .end: return .moveLast
        case .ctrl("n"): return .nextHit
        case .ctrl("p"): return .previousHit
        case .char(let c) where c.isASCII && c.isNumber && c != "0": return .jumpToProject
        default: return nil
        }
    }

    /// Pairs that share a binding: the second key means the opposite direction.
    private func resolve(_ action: Action, _ key: Key) -> Action {
        switch (action, key) {
        case (.nextProject, .backTab): return .previousProject
        case (.nextColumn, .left): return .previousColumn
        case (.moveDown, .up): return .moveUp
        case (.lookBackEarlier, .char("]")): return .lookBackLater
        default: return action
        }
    }

    /// The bindings the footer shows in a context, in order.
    public func footer(for context: KeyContext, writable: Bool) -> [KeyBinding] {
        let own = bindings.filter { $0.context == context && $0.footer != nil && (writable || !$0.writes) }
        let global = context == .review || context == .approval || context == .input || context == .plan ? [] : bindings.filter { $0.context == .global && $0.footer != nil }
        return own + global
    }
}
