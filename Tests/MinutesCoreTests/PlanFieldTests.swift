import Testing
@testable import MinutesCore

/// The plan-and-monitor cycle's fields: a group's project plan, projects as focus areas,
/// actions as activities; set, changed, cleared and undone through `plan` events.
@Suite struct PlanFieldTests {
    static let head = [
        #"2024-01-08T08:00:00.000Z 000000000001 group slug=g name="G""#,
        #"2024-01-08T08:00:01.000Z 000000000002 project group=g number=1 headline="P""#,
        #"2024-01-08T08:00:02.000Z 000000000003 action project=g/1 text="Run sessions""#,
        #"2024-01-08T08:00:03.000Z 000000000004 person initials=KP name="Kieran Patel""#,
    ]

    static func load(_ lines: [String]) -> LoadedJournal { JournalLoader.load(text: journalText(head + lines)) }

    @Test func aGroupPlanHoldsEveryPartOfAProjectPlan() {
        let j = Self.load([
            #"2024-01-08T09:00:00.000Z 000000000010 plan group=g title="G PLAN" lead=KP aim="Safe" purpose="Together" start=2024-01 end=2026-12 link=L1 priority=P1 priority=P2 approach="1,2: Share" approach="Toolkits" resource="Time" issue=I1 baseline=B success=S1 success=S2 plans="Kept by KP""#,
        ])
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        let p = j.state.groups["g"]!.plan
        #expect(p.title == "G PLAN" && p.lead == "KP" && p.aim == "Safe" && p.statement == "Together")
        #expect(p.start == PlanDate(day: Day.parseISO("2024-01-01")!, isMonth: true))
        #expect(p.end?.text == "Dec 2026" && p.end?.lastDay == Day.parseISO("2026-12-31"))
        #expect(p.priorities == ["P1", "P2"] && j.state.groups["g"]!.priorities == ["P1", "P2"])
        #expect(p.approaches == [PlanApproach(text: "Share", priorities: [1, 2]), PlanApproach(text: "Toolkits")])
        #expect(p.resources == "Time" && p.issues == ["I1"] && p.baseline == "B" && p.success == ["S1", "S2"])
        #expect(p.actionPlans == "Kept by KP" && p.links == ["L1"])
    }

    @Test func clearEmptiesAFieldBeforeTheEventSetsOthers() {
        let j = Self.load([
            #"2024-01-08T09:00:00.000Z 000000000010 plan group=g issue=I1 issue=I2 baseline=B"#,
            #"2024-01-09T09:00:00.000Z 000000000011 plan group=g clear=issue clear=baseline issue=I3"#,
        ])
        #expect(j.diagnostics.isEmpty)
        #expect(j.state.groups["g"]!.plan.issues == ["I3"])
        #expect(j.state.groups["g"]!.plan.baseline == nil)
    }

    @Test func anActionsPlanIsSetChangedClearedAndUndoneByRetraction() {
        let j = Self.load([
            #"2024-01-08T09:00:00.000Z 000000000010 plan ref=000000000003 owner=KP timing=2024-07 resource=Hall"#,
            #"2024-01-09T09:00:00.000Z 000000000011 plan ref=000000000003 clear=resource timing=Ongoing"#,
        ])
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        let a = j.state.actionPlan(EventID(value: 3))
        #expect(a.owners == [.initials("KP")] && a.timescale == .text("Ongoing") && a.resources == nil)
        let undone = Self.load([
            #"2024-01-08T09:00:00.000Z 000000000010 plan ref=000000000003 owner=KP timing=2024-07 resource=Hall"#,
            #"2024-01-09T09:00:00.000Z 000000000011 plan ref=000000000003 clear=resource timing=Ongoing"#,
            #"2024-01-10T09:00:00.000Z 000000000012 retract ref=000000000011"#,
        ])
        let b = undone.state.actionPlan(EventID(value: 3))
        #expect(b.timescale == .date(PlanDate(day: Day.parseISO("2024-07-01")!, isMonth: true)) && b.resources == "Hall")
    }

    @Test func aTimescaleThatIsNotAJournalDateStaysWords() {
        #expect(Timescale("2009-07-14") == .date(PlanDate(day: Day.parseISO("2009-07-14")!)))
        #expect(Timescale("July 2009") == .text("July 2009"))
        #expect(Timescale("January 2003 – presentation 9/7/03") == .text("January 2003 – presentation 9/7/03"))
    }

    @Test func aMonthIsReadAsTypedAndNothingElseIsGuessed() {
        #expect(PlanDate.parseInput("Jan 2009") == PlanDate(day: Day.parseISO("2009-01-01")!, isMonth: true))
        #expect(PlanDate.parseInput("september 2010")?.journalValue == "2010-09")
        #expect(PlanDate.parseInput("2009-02-30") == nil)
        #expect(PlanDate.parseInput("spring 2009") == nil)
    }

    @Test func anApproachCitingAPriorityThePlanLacksIsAWarningAtItsLine() {
        let j = Self.load([#"2024-01-08T09:00:00.000Z 000000000010 plan group=g priority=P1 approach="1,3: Share""#])
        #expect(j.diagnostics.errors.isEmpty)
        let w = j.diagnostics.filter { $0.message.contains("approach A cites priority 3") }
        #expect(w.count == 1 && w.first?.line == 6, "\(describe(j.diagnostics))")
    }

    @Test func aPlanThatWouldEndBeforeItStartsAcrossEventsIsAnErrorAndChangesNothing() {
        let j = Self.load([
            #"2024-01-08T09:00:00.000Z 000000000010 plan project=g/1 end=2024-06"#,
            #"2024-01-09T09:00:00.000Z 000000000011 plan project=g/1 start=2024-09-01"#,
        ])
        #expect(j.diagnostics.errors.map(\.line) == [7])
        #expect(j.diagnostics.errors.first?.message.contains("end (Jun 2024) before it starts (1 September 2024)") == true)
        #expect(j.state.projects[ProjectRef(group: "g", number: 1)]!.plan.start == nil)
    }

    @Test func everyPlanFieldReadsBackAsWritten() {
        var f = PlanFields(lead: "KP", aim: "A", links: ["L"], meeting: Day.parseISO("2024-01-10"))
        f.startDate = PlanDate(day: Day.parseISO("2024-01-01")!, isMonth: true)
        f.endDate = PlanDate(day: Day.parseISO("2024-12-31")!)
        f.targets = ["T1", "T2"]
        f.background = "Why \"this\""
        f.code = "FA2"
        f.resources = "Time"
        f.clear = [.aim]
        let e = Event(id: EventID(value: 77), timestamp: stamp("2024-01-10T09:00:00.000Z"),
                      body: .plan(.project(ProjectRef(group: "g", number: 1)), f))
        var parser = JournalParser()
        guard case .event(let back) = parser.parse(EventWriter.line(for: e)) else {
            Issue.record("did not parse: \(EventWriter.line(for: e))")
            return
        }
        #expect(back == e)
    }

    @Test func aFormatOneJournalRefusesTheNewFieldsAndKeepsTheOldOnes() {
        var f = PlanFields(aim: "A")
        #expect(MinutesState.formatProblem(.plan(.group("g"), f), formatVersion: 1) == nil)
        f.issues = ["I"]
        #expect(MinutesState.formatProblem(.plan(.group("g"), f), formatVersion: 1)?.hint?.contains("minutes upgrade") == true)
        #expect(MinutesState.formatProblem(.plan(.action(EventID(value: 3)), PlanFields()), formatVersion: 1) != nil)
        #expect(MinutesState.formatProblem(.plan(.group("g"), f), formatVersion: 2) == nil)
    }
}
