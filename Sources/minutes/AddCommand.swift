import ArgumentParser

/// `minutes add …`: the commands that record something new.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a person, group, project, meeting, action, progress note or follow-up.",
        subcommands: [
            AddPersonCommand.self,
            AddGroupCommand.self,
            AddProjectCommand.self,
            AddMeetingCommand.self,
            AddActionCommand.self,
            AddNoteCommand.self,
            AddTodoCommand.self,
            AddDecisionCommand.self,
            AddOtherBusinessCommand.self,
        ]
    )
}
