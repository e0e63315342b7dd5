import Testing
@testable import MinutesCore

@Suite struct ReplayTests {
    /// A small group over two meetings with every kind of event.
    struct Scenario {
        var b = JournalBuilder()
        static let none = EventID(value: 0)
        var headline1 = none, action = none, earlyNote = none, lateNote = none, secondNote = none
        var hall = none, template = none, clips = none, police = none, leaflet = none
        var wrongNote = none, wrongDone = none, firstRating = none, planEvent = none

        init() {
            b.person("KP", "Kieran Patel")
            b.person("DD", "Dawn Doyle")
            b.add(.person(Person(initials: "JB", name: "Jo Brennan", organisation: "Police")))
            b.add(.group(slug: "be-safe", name: "Be Safe", lead: "KP"))
            headline1 = b.project("be-safe/1", "Staff training")
            b.project("be-safe/3", "Road safety")
            b.project("be-safe/2", "A directory of services")
            b.add(.plan(.group("be-safe"), PlanFields(aim: "Everyone safe", priorities: ["Training", "Directory"])))
            planEvent = b.add(.plan(.project(proj("be-safe/1")), PlanFields(lead: "DD", aim: "All staff trained", start: day("2024-01-01"))))
            b.add(.plan(.project(proj("be-safe/1")), PlanFields(end: day("2024-07-31"), links: ["https://example.org/a"])))
            action = b.add(.action(proj("be-safe/1"), meeting: nil, text: "Run training twice a year"))

            b.add(.meeting(MeetingFields(group: "be-safe", date: day("2024-01-10"), present: ["KP", "DD"], apologies: ["JB"],
                                         chair: "KP", minuteTaker: "DD")))
            hall = b.todo("be-safe/1", ["DD"], "book a hall")
            template = b.todo("be-safe/2", ["KP"], "draft a template")
            clips = b.todo("be-safe/3", ["JB"], "find video clips")
            police = b.todo("be-safe/3", ["JB"], "ask the transport police for a contact")
            earlyNote = b.note("be-safe/1", "Looked at an online course")
            wrongNote = b.note("be-safe/1", "A note typed under the wrong project")
            firstRating = b.add(.rate(proj("be-safe/1"), meeting: nil, rating: .satisfactory, comment: nil))
            // The meeting is continued: someone arrived late and the next date was set.
            b.add(.meeting(MeetingFields(group: "be-safe", date: day("2024-01-10"), present: ["JB", "KP"],
                                         next: day("2024-02-14"))))

            b.meeting("be-safe", "2024-02-14")
            b.done(hall, outcome: "Hall booked for 14 October")
            b.drop(clips, reason: "The Youth Service will make its own")
            b.add(.reassign(ref: police, meeting: nil, owners: [.initials("KP"), .named("Schools")]))
            b.add(.amend(ref: template, text: "draft and send a template", owners: nil))
            b.add(.amend(ref: headline1, text: "Every member of staff trained", owners: nil))
            secondNote = b.note("be-safe/1", "Hall booked")
            b.add(.rate(proj("be-safe/1"), meeting: nil, rating: .good, comment: "On track"))
            b.add(.rate(proj("be-safe/1"), meeting: nil, rating: .excellent, comment: "Changed our minds"))
            b.retract(wrongNote)
            wrongDone = b.done(template)
            b.retract(wrongDone)
            // A note for the first meeting, typed up late.
            lateNote = b.note("be-safe/1", "Forgot: the county team will help", meeting: "2024-01-10")
            leaflet = b.todo("be-safe/2", ["MH"], "check the leaflet", meeting: "2024-01-10")
        }
    }

    @Test func replayBuildsGroupsProjectsAndMeetings() {
        let s = Scenario()
        let j = s.b.load()
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        let state = j.state
        let g = state.groups["be-safe"]
        #expect(g?.name == "Be Safe")
        #expect(g?.lead == "KP")
        #expect(g?.aim == "Everyone safe")
        #expect(g?.priorities == ["Training", "Directory"])
        // Projects are listed by number, whatever order they were added in.
        #expect(state.projects(in: "be-safe").map(\.ref.number) == [1, 2, 3])
        #expect(g?.meetings.map(\.date) == [day("2024-01-10"), day("2024-02-14")])
        let first = g?.meetings.first
        #expect(first?.present == ["KP", "DD", "JB"])
        #expect(first?.apologies == ["JB"])
        #expect(first?.chair == "KP")
        #expect(first?.minuteTaker == "DD")
        #expect(first?.next == day("2024-02-14"))
        #expect(state.person("jb")?.organisation == "Police")
        #expect(state.directory.map(\.initials) == ["DD", "JB", "KP"])
    }

    @Test func replayAppliesDecisionsAmendmentsAndRetractions() {
        let s = Scenario()
        let state = s.b.load().state
        #expect(state.projects[proj("be-safe/1")]?.headline == "Every member of staff trained")
        #expect(state.item(s.hall)?.state == .done(outcome: "Hall booked for 14 October", on: day("2024-02-14")))
        #expect(state.item(s.clips)?.state == .dropped(reason: "The Youth Service will make its own", on: day("2024-02-14")))
        #expect(state.item(s.police)?.owners == [.initials("KP"), .named("Schools")])
        #expect(state.item(s.police)?.state == .open)
        #expect(state.item(s.police)?.wasReassigned == true)
        #expect(state.item(s.template)?.text == "draft and send a template")
        #expect(state.item(s.template)?.owners == [.initials("KP")])
        // The done was retracted: open again, and the retracted change is kept in its history.
        #expect(state.item(s.template)?.state == .open)
        #expect(state.item(s.template)?.changes.map(\.isRetracted) == [false, true])
        #expect(state.item(s.wrongNote) == nil)
        #expect(state.items[s.wrongNote]?.isRetracted == true)
        #expect(state.actions(of: proj("be-safe/1")).map(\.text) == ["Run training twice a year"])
    }

    @Test func notesAreOrderedUnderTheirMeetingsIncludingLateTypedOnes() {
        let s = Scenario()
        let state = s.b.load().state
        let byMeeting = state.notesByMeeting(of: proj("be-safe/1"))
        #expect(byMeeting.map(\.day) == [day("2024-01-10"), day("2024-02-14")])
        #expect(byMeeting.first?.notes.map(\.id) == [s.earlyNote, s.lateNote])
        #expect(byMeeting.last?.notes.map(\.id) == [s.secondNote])
        // A late follow-up for the first meeting sorts before the second meeting's items.
        #expect(state.followUps(of: proj("be-safe/2")).map(\.id) == [s.template, s.leaflet])
        #expect(state.item(s.leaflet)?.meeting == day("2024-01-10"))
    }

    @Test func itemsWithoutAMeetingBelongToTheGroupsLatestMeeting() {
        let s = Scenario()
        let state = s.b.load().state
        #expect(state.item(s.hall)?.meeting == day("2024-01-10"))
        #expect(state.item(s.secondNote)?.meeting == day("2024-02-14"))
        // Before any meeting, the day the item was recorded.
        #expect(state.item(s.action)?.meeting == day("2024-01-08"))
    }

    @Test func ratingsKeepOnePerMeetingTheLatestWinning() {
        let s = Scenario()
        let p = s.b.load().state.projects[proj("be-safe/1")]
        #expect(p?.ratings.map(\.rating) == [.satisfactory, .excellent])
        #expect(p?.ratings.map(\.meeting) == [day("2024-01-10"), day("2024-02-14")])
        #expect(p?.ratings.first?.id == s.firstRating)
        #expect(p?.latestRating?.comment == "Changed our minds")
    }

    @Test func planEventsSetOnlyTheFieldsTheyName() {
        let s = Scenario()
        let plan = s.b.load().state.projects[proj("be-safe/1")]?.plan
        #expect(plan?.lead == "DD")
        #expect(plan?.aim == "All staff trained")
        #expect(plan?.start == day("2024-01-01"))
        #expect(plan?.end == day("2024-07-31"))
        #expect(plan?.links == ["https://example.org/a"])
    }

    @Test func retractingAPlanChangeOrRatingOrHeadlineAmendmentRestoresTheEarlierValue() {
        var s = Scenario()
        let headlineAmend = s.b.events.first { if case .amend(let r, _, _, _) = $0.body { return r == s.headline1 } else { return false } }!.id
        let goodRating = s.b.events.first { if case .rate(_, _, .excellent, _) = $0.body { return true } else { return false } }!.id
        s.b.retract(s.planEvent)
        s.b.retract(headlineAmend)
        s.b.retract(goodRating)
        let state = s.b.load().state
        let p = state.projects[proj("be-safe/1")]
        #expect(p?.headline == "Staff training")
        #expect(p?.plan.lead == nil)
        #expect(p?.plan.aim == nil)
        #expect(p?.plan.end == day("2024-07-31"))
        #expect(p?.ratings.map(\.rating) == [.satisfactory, .good])
    }

    @Test func retractingAMeetingEventRemovesOnlyWhatItContributed() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        let opened = b.add(.meeting(MeetingFields(group: "g", date: day("2024-03-01"), present: ["KP"], chair: "KP")))
        let continued = b.add(.meeting(MeetingFields(group: "g", date: day("2024-03-01"), present: ["DD"], chair: "DD")))
        b.retract(continued)
        var state = b.load().state
        #expect(state.groups["g"]?.meetings.first?.present == ["KP"])
        #expect(state.groups["g"]?.meetings.first?.chair == "KP")
        b.retract(opened)
        state = b.load().state
        #expect(state.groups["g"]?.meetings.isEmpty == true)
    }

    @Test func carryRecordsAReviewWithoutClosingTheFollowUp() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-03-01")
        let t = b.todo("g/1", ["KP"], "phone the school")
        b.meeting("g", "2024-04-01")
        let c = b.add(.carry(ref: t, meeting: nil))
        let j = b.load()
        #expect(!j.hasErrors)
        let item = j.state.item(t)
        #expect(item?.state == .open)
        #expect(item?.changes.map(\.id) == [c])
        #expect(j.state.carriedCount(item!) == 1)
    }

    @Test func aGroupEventForAnExistingSlugRenamesIt() {
        var b = JournalBuilder()
        b.add(.group(slug: "g", name: "Old name", lead: "KP"))
        b.add(.group(slug: "g", name: "New name", lead: nil))
        let state = b.load().state
        #expect(state.groupOrder == ["g"])
        #expect(state.groups["g"]?.name == "New name")
        #expect(state.groups["g"]?.lead == "KP")
    }

    @Test func unknownInitialsAreAWarningNotAnError() {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-03-01")
        b.todo("g/1", ["QQ"], "phone the school")
        let j = b.load()
        #expect(!j.hasErrors)
        #expect(j.diagnostics.warnings.contains { $0.message.contains("unknown initials QQ") })
    }

    @Test func anUnknownMinuteTakerIsReportedAtTheMinutesField() {
        let line = "2024-01-10T09:00:00.000Z 00000000000a meeting group=g date=2024-01-10 chair=KP minutes=QQ"
        let j = JournalLoader.load(text: journalText([
            "2024-01-08T08:00:00.000Z 000000000001 person initials=KP name=Kieran",
            "2024-01-08T08:00:01.000Z 000000000002 group slug=g name=G", line,
        ]))
        #expect(j.diagnostics.count == 1)
        #expect(j.diagnostics.first?.message == "unknown initials QQ")
        #expect(j.diagnostics.first?.line == 4)
        #expect(j.diagnostics.first?.column == line.distance(from: line.startIndex, to: line.range(of: "QQ")!.lowerBound) + 1)
    }

    /// With a field given more than once, the caret goes under the value that is unknown,
    /// not under the first field of that name.
    @Test func anUnknownSecondOwnerOrAttendeeIsReportedAtItsOwnValue() {
        let meeting = "2024-01-10T09:00:00.000Z 00000000000a meeting group=g date=2024-01-10 present=KP present=QQX present=QQ"
        let todo = "2024-01-10T09:01:00.000Z 00000000000b todo project=g/1 owner=KP owner=ZZ text=\"ring the café\""
        let j = JournalLoader.load(text: journalText([
            "2024-01-08T08:00:00.000Z 000000000001 person initials=KP name=Kieran",
            "2024-01-08T08:00:01.000Z 000000000002 group slug=g name=G",
            "2024-01-08T08:00:02.000Z 000000000003 project group=g number=1 headline=\"Hall\"",
            meeting, todo,
        ]))
        func column(of needle: String, in line: String) -> Int {
            line.unicodeScalars.distance(from: line.unicodeScalars.startIndex,
                                         to: line.range(of: needle)!.lowerBound.samePosition(in: line.unicodeScalars)!) + 1
        }
        let qq = j.diagnostics.first { $0.message == "unknown initials QQ" }
        let qqx = j.diagnostics.first { $0.message == "unknown initials QQX" }
        let zz = j.diagnostics.first { $0.message == "unknown initials ZZ" }
        #expect(qq?.line == 5 && qq?.column == column(of: "QQ", in: meeting.replacingOccurrences(of: "QQX", with: "___")))
        #expect(qqx?.column == column(of: "QQX", in: meeting))
        #expect(zz?.line == 6 && zz?.column == column(of: "ZZ", in: todo))
    }

    /// The column finder on its own: the value as written when it stands whole, else the
    /// field's first value, else column 1 (also for a line shorter than the field's name).
    @Test func aFieldsColumnIsItsWholeValueElseItsFirstElseOne() {
        let line = "t id todo owner=KPX owner=KP text=x"
        #expect(JournalLoader.column(of: "owner", value: "KP", in: line) == 27)
        #expect(JournalLoader.column(of: "owner", value: "QQ", in: line) == 17)
        #expect(JournalLoader.column(of: "owner", in: line) == 17)
        #expect(JournalLoader.column(of: "text", value: "x", in: line) == 35)
        #expect(JournalLoader.column(of: "meeting", in: line) == 1)
        #expect(JournalLoader.column(of: "owner", value: "KP", in: "t") == 1)
    }

    @Test func retractingAMeetingEventTwiceIsAWarningNotACrash() {
        // Two laptops both retract the same wrongly opened meeting.
        var b = JournalBuilder()
        b.group("g")
        let wrong = b.meeting("g", "2024-03-01")
        b.retract(wrong)
        b.retract(wrong)
        let j = b.load()
        #expect(!j.hasErrors, "\(describe(j.diagnostics))")
        #expect(j.diagnostics.map(\.message) == ["\(wrong) was already retracted"])
        #expect(j.state.groups["g"]?.meetings.isEmpty == true)
    }

    @Test func retractingAMeetingEventTwiceLeavesOtherMeetingsAlone() {
        var b = JournalBuilder()
        b.group("g")
        let wrong = b.meeting("g", "2024-03-01")
        b.add(.meeting(MeetingFields(group: "g", date: day("2024-04-01"), chair: "KP")))
        b.retract(wrong)
        b.retract(wrong)
        let meetings = b.load().state.groups["g"]?.meetings
        #expect(meetings?.map(\.date) == [day("2024-04-01")])
        #expect(meetings?.first?.chair == "KP")
    }
}
