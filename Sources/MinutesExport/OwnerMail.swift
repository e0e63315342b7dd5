import Foundation
import MinutesCore

/// After a meeting, each owner's open follow-ups as one e-mail to them (`minutes mail`).
///
/// The follow-ups are those still open once the meeting closed, as the minutes of that meeting
/// show them, with their project, the day they were raised and how many meetings they have been
/// carried into. Owners nobody gave an address (people without `email`, bodies such as
/// "Schools") are kept in the plan without one, so that whoever sends can say who was left out.
public struct OwnerMail: Sendable, Hashable {
    /// One follow-up in a message.
    public struct Entry: Sendable, Hashable {
        public var item: Item
        public var projectNumber: Int
        public var projectHeadline: String
        public var carried: Int
        /// When it is due, and where it stands at the meeting (`DueStatus`).
        public var due: Day?
        public var status: DueStatus?
    }

    public var owner: Owner
    /// The person in the directory with the owner's initials, if any.
    public var person: Person?
    public var entries: [Entry]

    /// Where the message goes; nil when nobody recorded an address.
    public var address: String? { person?.email }

    /// "Priya Mehta (PM)", or the owner as typed.
    public var ownerLabel: String {
        person.map { "\($0.name) (\($0.initials))" } ?? owner.label
    }

    /// The group's name and the meeting the messages are about.
    public struct Context: Sendable, Hashable {
        public var groupSlug: String
        public var groupName: String
        public var meeting: Day
    }

    /// Every owner of a follow-up open after `group`'s meeting on `meeting` (its latest when
    /// nil), people by initials first then names, each with their follow-ups oldest first.
    /// `owners` (initials or names, any case) keeps only those; the ones that match no owner
    /// are returned in `unmatched`, for the caller to refuse.
    public static func plan(group slug: String, meeting day: Day?, owners wanted: [String] = [],
                            state: MinutesState) throws -> (context: Context, mails: [OwnerMail], unmatched: [String]) {
        let (group, meeting) = try MinutesReport.resolve(group: slug, meeting: day, state: state)
        let date = meeting.date
        var byKey: [String: OwnerMail] = [:]
        for project in state.projects(in: group.slug, asOf: date) {
            for item in state.openFollowUps(of: project.ref, asOf: date) {
                let carried = state.carriedCount(item, asOf: date)
                let due = state.dueDate(item)
                let entry = Entry(item: item, projectNumber: project.ref.number, projectHeadline: project.headline,
                                  carried: carried, due: due, status: DueStatus.of(due: due, carried: carried, today: date))
                var seen = Set<String>()
                for owner in item.owners where seen.insert(owner.key).inserted {
                    let person = owner.initials.flatMap { state.person($0) }
                    byKey[owner.key, default: OwnerMail(owner: owner, person: person, entries: [])].entries.append(entry)
                }
            }
        }
        var mails = byKey.values.sorted { a, b in
            let aIsInitials = a.owner.initials != nil, bIsInitials = b.owner.initials != nil
            if aIsInitials != bIsInitials { return aIsInitials }
            return a.owner.key < b.owner.key
        }
        for index in mails.indices {
            mails[index].entries.sort { ($0.item.meeting, $0.item.id.text) < ($1.item.meeting, $1.item.id.text) }
        }
        var unmatched: [String] = []
        if !wanted.isEmpty {
            func matches(_ mail: OwnerMail, _ name: String) -> Bool {
                let key = name.trimmingCharacters(in: .whitespaces).uppercased()
                return mail.owner.key == key || mail.person.map { $0.name.uppercased() == key } == true
            }
            unmatched = wanted.filter { name in !mails.contains { matches($0, name) } }
            mails = mails.filter { mail in wanted.contains { matches(mail, $0) } }
        }
        return (Context(groupSlug: group.slug, groupName: group.name, meeting: date), mails, unmatched)
    }

    /// "Stay Safe Working Group: your actions after the meeting of 25 June 2009".
    public func subject(_ context: Context) -> String {
        "\(context.groupName): your actions after the meeting of \(context.meeting.long)"
    }

    /// The message's text: a greeting, the follow-ups as a list (sub-points nested, project and
    /// age beneath each), and a line naming the attachment when there is one.
    public func body(_ context: Context, attachmentName: String? = nil) -> String {
        let greeting = "Dear " + (person?.name ?? owner.label) + ","
        let count = ReportWording.count(entries.count, "open follow-up")
        var text = greeting + "\n\n"
        text += TextRenderer.wrap("After the \(context.groupName) meeting of \(context.meeting.long) you have \(count):",
                                  width: TextRenderer.defaultWidth, first: "", rest: "").joined(separator: "\n")
        text += "\n\n"
        let items = entries.map { entry -> ReportListItem in
            let others = entry.item.owners.filter { $0.key != owner.key }
            let with = others.isEmpty ? "" : "With " + others.map(\.label).joined(separator: ", ") + ". "
            var age = "Raised \(entry.item.meeting.long)"
            if entry.carried > 0 { age += ", carried " + ReportWording.times(entry.carried) }
            if let due = entry.due { age += ". Due \(due.long)" }
            if let status = entry.status, status != .onTrack { age += " (\(status.symbol) \(status.rawValue))" }
            let detail = "Project \(entry.projectNumber): \(entry.projectHeadline)\n" + with + age + "."
            return SubPoints.split(entry.item.text).listItem(detail: ReportText(detail))
        }
        let list = TextRenderer.render(.list(items), width: TextRenderer.defaultWidth)
        // A blank line between entries, so each reads as one block in a mail program.
        var blocks: [[String]] = []
        for line in list {
            if line.hasPrefix("  - ") || blocks.isEmpty { blocks.append([]) }
            blocks[blocks.count - 1].append(line)
        }
        text += blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
        if let attachmentName {
            text += "\nThe minutes of the meeting are attached (\(attachmentName)).\n"
        }
        return text
    }

    /// The message to this owner; nil without an address.
    public func message(_ context: Context, from: MailMessage.Address, attachment: MailMessage.Attachment?,
                        date: Date = Date()) -> MailMessage? {
        guard let address, let person else { return nil }
        return MailMessage(from: from, to: [MailMessage.Address(name: person.name, address: address)],
                           subject: subject(context), body: body(context, attachmentName: attachment?.fileName),
                           date: date, messageID: MailMessage.newMessageID(date: date), attachment: attachment)
    }

    /// A file name for the message: `pm-stay-safe-2009-06-25.eml`.
    public func fileName(_ context: Context) -> String {
        let who = ReportWording.fileNamePart(owner.label)
        return (who.isEmpty ? "owner" : who) + "-\(context.groupSlug)-\(context.meeting.iso).eml"
    }
}
