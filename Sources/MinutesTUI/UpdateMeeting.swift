import MinutesCore

/// The meeting wizard (`m`): date, present, apologies, chair, minute-taker, next date.
extension AppUpdate {
    static func meetingStep(_ ui: inout UIState, _ draft: MeetingDraft, _ text: String, _ line: InputLine,
                            _ c: AppContext) -> [Effect] {
        var d = draft
        let people = c.state.directory
        switch d.step {
        case .date:
            // A year left out is the one nearest the date offered (the next meeting set last time).
            guard let reading = EntryInput.date(text.isEmpty ? d.date.iso : text, near: d.date) else {
                ui.status = .error("'\(text)' is not a date: type \(EntryInput.dateForms).")
                return []
            }
            d.date = reading.day
            if let g = ui.group, let existing = c.state.groups[g]?.meeting(on: reading.day) {
                ui.meeting = reading.day
                ui.mode = .browse
                let offer = Select.reviewOffer(ui, reading.day, c)
                let present = existing.present.isEmpty ? "." : " (present: \(existing.present.joined(separator: ", ")))."
                ui.status = .info("Continuing the meeting of \(reading.day.long)" + (offer.isEmpty ? present : ";" + offer))
                return []
            }
            if reading.yearInferred { ui.status = .info("Taken as \(reading.day.long).") }
        case .present: d.present = EntryInput.people(text, people: people)
        case .apologies: d.apologies = EntryInput.people(text, people: people)
        case .chair: d.chair = EntryInput.people(text, people: people).first
        case .minuteTaker: d.minuteTaker = EntryInput.people(text, people: people).first
        case .next:
            if !text.isEmpty {
                guard let reading = EntryInput.date(text, near: d.date) else {
                    ui.status = .error("'\(text)' is not a date: type \(EntryInput.dateForms), or leave it empty.")
                    return []
                }
                d.next = reading.day
            }
            guard let g = ui.group else { return [] }
            ui.mode = .browse
            let fields = MeetingFields(group: g, date: d.date, present: d.present, apologies: d.apologies,
                                       chair: d.chair, minuteTaker: d.minuteTaker, next: d.next)
            return [.record(RecordRequest([.meeting(fields)], message: "Meeting of \(d.date.long) opened",
                                          restore: line, after: .meetingOpened(d.date)))]
        }
        d.step = MeetingDraft.Step(rawValue: d.step.rawValue + 1)!
        // "Taken as 17 September 2009." stays in the footer while the next question is asked.
        ui.mode = .input(InputLine(.meeting(d), prompt: d.prompt))
        return []
    }
}
