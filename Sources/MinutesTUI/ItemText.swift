import MinutesCore

/// How each kind of row reads on screen, as styled spans ready for wrapping.
///
/// Shared by the views (to draw) and by key handling (to know how tall an item is when
/// scrolling), so the two always agree.
public enum ItemText {
    /// "KP and DD to adjust and e-mail organisation ↻2 · from 15 May", owners in bold,
    /// unknown initials in the warning colour, an overdue marker in the danger colour.
    public static func followUp(_ row: FollowUpRow, people: [String: Person]) -> [Span] {
        let item = row.item
        var spans: [Span] = []
        let closed = !item.state.isOpen
        switch item.state {
        case .done: spans.append(Span("✓ ", Theme.closed))
        case .dropped: spans.append(Span("✗ ", Theme.closed))
        case .open: break
        }
        if item.owners.isEmpty {
            spans.append(Span("(no owner) ", Theme.warning))
        } else if FollowUpPhrasing.namesItsOwners(item.text) {
            // Kept as typed: the text names its owners itself ("Sheelagh Davis to contact …").
        } else {
            for (i, o) in item.owners.enumerated() {
                if i > 0 { spans.append(Span(i == item.owners.count - 1 ? " and " : ", ", closed ? Theme.closed : .plain)) }
                let known = o.initials.map { people[$0] != nil } ?? true
                spans.append(.untrusted(o.label, closed ? Theme.closed : known ? Theme.owner : Theme.unknownOwner))
            }
            spans.append(Span(" to ", closed ? Theme.closed : .plain))
        }
        // "KC to look at…": a capital typed when the follow-up had no owner is lowered.
        let text = item.owners.isEmpty || FollowUpPhrasing.namesItsOwners(item.text)
            ? item.text : EntryInput.lowerFirstWord(item.text, people: people)
        spans.append(Span(TextSanitizer.sanitize(text, keepingLineBreaks: true), closed ? Theme.closed : .plain))
        if row.carried > 0 {
            spans.append(Span(" ↻\(row.carried)", row.isOverdue ? Theme.overdue : Theme.carried))
            spans.append(Span(" · from \(item.meeting.short)", Theme.muted))
        }
        // The RAG marker: a symbol as well as a colour, since colour alone is not enough.
        if let status = row.status, row.due != nil || status != .onTrack {
            let style = status == .overdue ? Theme.overdue : status == .dueSoon ? Theme.warning : Theme.info
            spans.append(Span(" " + status.symbol + (row.due.map { " due \($0.short)" } ?? " " + status.rawValue), style))
        }
        if row.isConfidential { spans.append(Span(" [confidential]", Theme.muted)) }
        switch item.state {
        case .done(let outcome, _):
            if let outcome { spans.append(.untrusted(" — " + outcome, Theme.closed)) }
        case .dropped(let reason, _):
            spans.append(.untrusted(" — dropped: " + reason, Theme.closed))
        case .open: break
        }
        return spans
    }

    /// A progress note, or a decision marked "Decision:", with "[confidential]" when marked.
    static func progressEntry(_ item: Item, confidential: Bool) -> [Span] {
        var spans = plain(item)
        if item.kind == .decision { spans.insert(Span("Decision: ", Theme.prompt), at: 0) }
        if confidential { spans.append(Span(" [confidential]", Theme.muted)) }
        return spans
    }

    /// An entry's text; its line breaks are kept (sub-points).
    public static func plain(_ item: Item) -> [Span] { [Span(TextSanitizer.sanitize(item.text, keepingLineBreaks: true))] }

    /// Wrapped lines of a bulleted item. Lines of its text that start with "- " are its
    /// sub-points, drawn indented under it with their own marker; other lines continue it.
    public static func bulleted(_ spans: [Span], width: Int) -> [StyledLine] {
        let parts = splitLines(spans)
        var lines = StyledWrap.wrap(parts[0], width: width, firstPrefix: Span("• ", Theme.muted), hangingIndent: 2)
        for part in parts.dropFirst() {
            if let first = part.first, first.text.hasPrefix("- ") {
                var rest = part
                rest[0].text.removeFirst(2)
                lines += StyledWrap.wrap(rest, width: width, firstPrefix: Span("  ◦ ", Theme.muted), hangingIndent: 4)
            } else {
                lines += StyledWrap.wrap([Span("  ")] + part, width: width, hangingIndent: 2)
            }
        }
        return lines
    }

    /// The spans cut at line breaks: one list of spans per line of text.
    static func splitLines(_ spans: [Span]) -> [[Span]] {
        var parts: [[Span]] = [[]]
        for span in spans {
            let pieces = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i > 0 { parts.append([]) }
                if !piece.isEmpty { parts[parts.count - 1].append(Span(String(piece), span.style)) }
            }
        }
        return parts
    }

    /// The headline block at the top of the Actions column: "3. Headline…" in bold.
    public static func headline(_ project: Project, width: Int) -> [StyledLine] {
        StyledWrap.wrap([.untrusted("\(project.ref.number). " + project.headline, Theme.headline)], width: width, hangingIndent: 0)
    }

}

/// One column's rows for drawing and scrolling, wrapped only when asked for, so a column
/// with thousands of notes costs only its visible rows per frame.
public struct ColumnContent {
    public let column: Column
    public let model: PanelModel
    public let people: [String: Person]
    public let width: Int

    public init(_ column: Column, model: PanelModel, people: [String: Person], width: Int) {
        self.column = column
        self.model = model
        self.people = people
        self.width = width
    }

    /// Rows: for Actions the headline block then each action; for Progress date headings
    /// and notes; for follow-ups each follow-up.
    public var count: Int {
        switch column {
        case .actions: return model.actions.count + 1
        case .progress: return model.progress.count
        case .followUps: return model.followUps.count
        }
    }

    /// The item a row shows; nil for headings and the headline, which cannot be selected.
    public func id(at row: Int) -> EventID? {
        guard row >= 0, row < count else { return nil }
        switch column {
        case .actions: return row == 0 ? nil : model.actions[row - 1].id
        case .progress: if case .note(let n) = model.progress[row] { return n.id } else { return nil }
        case .followUps: return model.followUps[row].item.id
        }
    }

    public func row(of id: EventID) -> Int? {
        (0..<count).first { self.id(at: $0) == id }
    }

    public func lines(at row: Int) -> [StyledLine] {
        guard row >= 0, row < count else { return [] }
        return model.wrapped.lines(column, width: width, row: row) { wrap(row) }
    }

    /// A row's lines, wrapped to the column's width.
    private func wrap(_ row: Int) -> [StyledLine] {
        switch column {
        case .actions:
            return row == 0 ? ItemText.headline(model.project, width: width) + [StyledLine()]
                : ItemText.bulleted(ItemText.plain(model.actions[row - 1]), width: width)
        case .progress:
            switch model.progress[row] {
            case .heading(let d): return StyledWrap.wrap([Span(d.long, Theme.dateHeading)], width: width)
            case .note(let n): return ItemText.bulleted(ItemText.progressEntry(n, confidential: model.confidential.contains(n.id)), width: width)
            }
        case .followUps:
            return ItemText.bulleted(ItemText.followUp(model.followUps[row], people: people), width: width)
        }
    }

    public func height(at row: Int) -> Int { lines(at: row).count }

    /// The first and last selectable rows.
    public var firstSelectable: Int? { (0..<count).first { id(at: $0) != nil } }
    public var lastSelectable: Int? { (0..<count).reversed().first { id(at: $0) != nil } }

    /// The next selectable row after (or before) `row`.
    public func selectable(from row: Int, step: Int) -> Int? {
        var r = row + step
        while r >= 0, r < count {
            if id(at: r) != nil { return r }
            r += step
        }
        return nil
    }

    /// The top row that shows `row` fully, moving as little as possible from `top`: scrolling
    /// up shows a date heading just above its first note, scrolling down puts the row at the bottom.
    public func scrollTop(showing row: Int, from top: Int, height: Int) -> Int {
        guard count > 0, height > 0 else { return 0 }
        var top = min(max(0, top), count - 1)
        if row < top {
            top = row
            if row > 0, id(at: row - 1) == nil, column == .progress { top = row - 1 }
            return top
        }
        // The lowest top that still shows the row fully (or the row itself when it is taller
        // than the column), found walking up from the row: this measures only the rows that
        // fit on screen, however far the row is from the old top (End in a long column).
        var first = row
        var used = self.height(at: row)
        while first > top {
            let h = self.height(at: first - 1)
            if used + h > height { break }
            used += h
            first -= 1
        }
        return first
    }

    /// The top row that fills the column up to its end: the view "scrolled to the newest".
    public func scrollTopShowingEnd(height: Int) -> Int {
        var used = 0
        var top = count
        while top > 0 {
            let h = self.height(at: top - 1)
            if used + h > height { break }
            used += h
            top -= 1
        }
        return min(top, max(0, count - 1))
    }
}
