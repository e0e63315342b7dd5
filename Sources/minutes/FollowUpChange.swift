import MinutesCore

/// What `done`, `drop` and `reassign` share: finding the follow-up and the meeting.
struct FollowUpTarget {
    let item: Item
    let meeting: Day?

    /// The follow-up `idPrefix` names, and the meeting given with `--meeting` (which must be
    /// a meeting of the follow-up's group), or none.
    /// A closed follow-up is refused unless `allowClosed`: closing it again from the
    /// command line is almost always a slip, and would leave a conflicting decision behind.
    init(_ idPrefix: String, meeting: String?, in state: MinutesState, allowClosed: Bool = false) throws {
        let id = try IDLookup.resolve(idPrefix, in: state, kind: .followUp)
        guard let item = state.items[id] else {
            throw CLIError.data("<id>: \(IDLookup.describe(id, in: state)) is not a follow-up")
        }
        guard item.kind == .followUp else {
            throw CLIError.data("<id>: \(id) is \(item.kind == .action ? "an action" : "a progress note"), not a follow-up")
        }
        guard !item.isRetracted else { throw CLIError.data("<id>: follow-up \(id) was retracted") }
        if !allowClosed, let closed = item.state.closedOn {
            throw CLIError.data("<id>: follow-up \(id) is already \(item.state.word) (\(closed.iso)); see: minutes log \(id)")
        }
        self.item = item
        if meeting != nil {
            let group = try Inputs.group(item.project.group, in: state)
            self.meeting = try Inputs.meeting(of: group, explicit: meeting, requireOne: true)
        } else {
            self.meeting = nil
        }
    }

    /// "KP and DD to adjust …", as minutes write it; a text kept as typed ("Sheelagh Davis to
    /// contact …") as it is.
    static func phrase(_ item: Item) -> String {
        EntryInput.sentence(owners: item.owners, text: item.text)
    }
}
