import Foundation
import MinutesCore

/// Turns what was read from a document into journal entries, leaving out everything the
/// journal already has, so that importing the same file twice adds nothing and next month's
/// document adds only what is new (see docs/import.md for each rule).
public enum ImportPlanner {
    public static func plan(_ doc: ReadMinutes, state: MinutesState, options: ImportOptions) throws -> ImportPlan {
        guard let group = state.groups[options.group] else { throw ImportError.unknownGroup(options.group) }
        guard !doc.projects.isEmpty else { throw ImportError.noProjectTables(tables: doc.tableCount) }
        var notices: [String] = []
        var plan = ImportPlan(group: group.slug, meeting: try meetingDay(doc, options: options, notices: &notices))
        plan.notices = notices
        plan.unread = doc.notices
        var builder = Builder(plan: plan, state: state, group: group, options: options)
        builder.addPeople()
        let m = plan.meeting
        // The "earlier" meeting: the day before the first date the document names.
        let named = doc.projects.flatMap { p in
            p.progress.compactMap { $0.date?.resolved(near: m) } + p.toDo.compactMap { $0.raised?.resolved(near: m) }
        }
        builder.earlier = options.undatedMeeting ?? (named + [m]).min()!.adding(days: -1)
        builder.plan.undatedNamed = options.undatedMeeting != nil
        var seen = Set<Int>()
        for table in doc.projects {
            guard seen.insert(table.number).inserted else {
                builder.plan.unread.append(ReadNotice(place: DocumentPlace(table: table.table),
                                                      message: "skipped: project \(table.number) was already read from an earlier table"))
                continue
            }
            builder.add(table)
        }
        builder.finish(doc)
        if doc.projects.contains(where: { $0.progress.contains { $0.date != nil && $0.date?.year == nil } }) {
            builder.plan.notices.append("dates without a year are read as the last such day on or before \(m.long)")
        }
        return builder.plan
    }

    /// The meeting the document is the minutes of, and where its year came from.
    static func meetingDay(_ doc: ReadMinutes, options: ImportOptions, notices: inout [String]) throws -> Day {
        let header = doc.projects.lazy.compactMap(\.meetingDate).first
        if let given = options.meeting {
            if let header, let d = header.resolved(near: given), d != given {
                notices.append("the tables' heading says \(header), read as the meeting of \(given.long) (--meeting)")
            } else if let header, header.year == nil {
                notices.append("the year, \(given.components.year), is taken from --meeting")
            }
            return given
        }
        if let header, header.year != nil, let d = header.resolved(near: Day(ordinal: 0)) { return d }
        if let date = doc.date, date.year != nil, let d = date.resolved(near: Day(ordinal: 0)) {
            if let header, header.day != date.day || header.month != date.month {
                notices.append("the tables' heading says \(header), the 'Date:' line \(date); read as \(d.long)")
            } else if header != nil {
                notices.append("the year, \(d.components.year), is taken from the document's 'Date:' line")
            }
            return d
        }
        if let header { throw ImportError.noYear(header) }
        throw ImportError.noMeetingDate
    }
}
