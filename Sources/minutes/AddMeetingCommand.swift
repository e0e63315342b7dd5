import ArgumentParser
import MinutesCore

struct AddMeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Open a group's meeting, or add to the meeting already held on that date.",
        discussion: """
            Example: minutes add meeting be-safe 2009-05-15 --present KP,DD --apologies "PCSOs,JB"
            Lists are merged with what the meeting already has; chair, minutes and next replace it.
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group meeting.", valueName: "group"))
    var group: String

    @Argument(help: ArgumentHelp("The date of the meeting (YYYY-MM-DD, today or yesterday).", valueName: "date"))
    var date: String

    @Option(parsing: .singleValue, help: ArgumentHelp("Who was there: initials or names, comma-separated.", valueName: "KP,DD"))
    var present: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("Who sent apologies: initials or names, comma-separated.", valueName: "KP,DD"))
    var apologies: [String] = []

    @Option(name: .customLong("in-attendance"), parsing: .singleValue,
            help: ArgumentHelp("Who was in attendance without being a member (an officer, a guest), comma-separated.", valueName: "name"))
    var inAttendance: [String] = []

    @Option(help: ArgumentHelp("Who chaired the meeting.", valueName: "initials"))
    var chair: String?

    @Option(help: ArgumentHelp("Who took the minutes.", valueName: "initials"))
    var minutes: String?

    @Option(help: ArgumentHelp("The date of the next meeting.", valueName: "date"))
    var next: String?

    func run() throws {
        let day = try Inputs.day(date, argument: "<date>")
        let nextDay = try Inputs.day(next, argument: "--next")
        let chairText = try Inputs.text(chair, argument: "--chair")
        let minutesText = try Inputs.text(minutes, argument: "--minutes")
        let session = try journal.openForWriting()
        let state = session.state
        let group = try Inputs.group(self.group, in: state)
        let fields = MeetingFields(
            group: group.slug, date: day,
            present: Inputs.list(present).map { Inputs.attendee($0, in: state) },
            apologies: Inputs.list(apologies).map { Inputs.attendee($0, in: state) },
            chair: chairText.map { Inputs.attendee($0, in: state) },
            minuteTaker: minutesText.map { Inputs.attendee($0, in: state) },
            next: nextDay,
            inAttendance: Inputs.list(inAttendance).map { Inputs.attendee($0, in: state) })
        let existed = group.meeting(on: day) != nil
        try session.recordReporting(.meeting(fields))
        Output.line("\(existed ? "Continued" : "Opened") the meeting of \(group.slug) on \(day.long)")
    }
}
