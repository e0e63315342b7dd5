import MinutesCore

/// A working group's project plan as the group circulates it: the title ("<GROUP> PROJECT
/// PLAN 2009 – 2011"), lead, overall aim, numbered priorities, the AIM paragraph, lettered
/// approaches citing priorities, resources, dates, links, key issues, baseline, success
/// criteria and where the action plans are. Sections with nothing in them are left out.
public enum PlanReport {
    public static func build(group: Group, state: MinutesState) -> ReportDocument {
        let plan = group.plan
        var metadata: [ReportMetadata] = []
        if let lead = plan.lead ?? group.lead { metadata.append(ReportMetadata("Project lead", person(lead, state))) }
        if let s = plan.start { metadata.append(ReportMetadata("Project start", s.text)) }
        if let e = plan.end { metadata.append(ReportMetadata("Project end", e.text)) }

        var blocks: [ReportBlock] = []
        func section(_ title: String, _ content: [ReportBlock]) {
            guard !content.isEmpty else { return }
            blocks.append(.heading(level: 1, text: title))
            blocks += content
        }
        section("Overall aim", plan.aim.map { [.paragraph(ReportText($0))] } ?? [])
        section("Priorities", plan.priorities.isEmpty ? [] : [.definitionList(plan.priorities.enumerated().map {
            ReportDefinition(term: "\($0 + 1).", definition: ReportText($1))
        })])
        section("Aim", plan.statement.map { [.paragraph(ReportText($0))] } ?? [])
        section("Approaches", plan.approaches.isEmpty ? [] : [.definitionList(plan.approaches.enumerated().map { i, a in
            ReportDefinition(term: PlanApproach.letter(i) + ".",
                             definition: ReportText(a.text) + (a.priorities.isEmpty ? "" : ReportText(" (\(a.citation))")))
        })])
        section("Resources", plan.resources.map { [.paragraph(ReportText($0))] } ?? [])
        section("Links to", plan.links.isEmpty ? [] : [.bulletList(plan.links.map { ReportText($0) })])
        section("Key issues", plan.issues.isEmpty ? [] : [.bulletList(plan.issues.map { ReportText($0) })])
        section("Baseline data and information", plan.baseline.map { [.paragraph(ReportText($0))] } ?? [])
        section("Success criteria", plan.success.isEmpty ? [] : [.bulletList(plan.success.map { ReportText($0) })])
        section("Action plans", plan.actionPlans.map { [.paragraph(ReportText($0))] } ?? [])
        if blocks.isEmpty {
            blocks.append(.paragraph(ReportText("No plan yet: set one with minutes plan \(group.slug) --aim …")))
        }
        let title = plan.title ?? defaultTitle(group)
        return ReportDocument(title: title, metadata: metadata, blocks: blocks, footer: title)
    }

    /// "BE SAFE WORKING GROUP PROJECT PLAN 2009 – 2011" (the years from the plan's dates).
    public static func defaultTitle(_ group: Group) -> String {
        let years = [group.plan.start?.year, group.plan.end?.year].compactMap { $0 }
        let span = years.isEmpty ? "" : " " + (years.count == 2 && years[0] != years[1] ? "\(years[0]) – \(years[1])" : "\(years[0])")
        return group.name.uppercased() + " PROJECT PLAN" + span
    }

    static func person(_ initials: String, _ state: MinutesState) -> String {
        state.person(initials).map { "\($0.name) (\($0.initials))" } ?? initials
    }
}

/// A group's action plan: one section per project as a focus area (its name and code, aim,
/// targets, background), then the table Target / Activity / Links / Resources /
/// Responsibility / Timescale with one row per action, and under it a monitoring box with
/// the latest rating on or before the report's day and its comment.
public enum ActionPlanReport {
    public static let columns = ["Target", "Activity", "Links", "Resources", "Responsibility", "Timescale"]

    public static func build(group: Group, asOf day: Day, state: MinutesState) -> ReportDocument {
        var blocks: [ReportBlock] = []
        let projects = state.projects(in: group.slug, asOf: day)
        if projects.isEmpty { blocks.append(.paragraph("No projects yet.")) }
        for project in projects {
            blocks += section(project, asOf: day, state: state)
        }
        let title = group.name + " — Action plan"
        return ReportDocument(title: title, metadata: [ReportMetadata("As at", day.long)],
                              orientation: .landscape, blocks: blocks, footer: title + " · " + day.long)
    }

    /// One focus area: heading, aim, targets, background, the activities' table, the monitoring box.
    static func section(_ project: Project, asOf day: Day, state: MinutesState) -> [ReportBlock] {
            var blocks: [ReportBlock] = []
            let plan = project.plan
            let code = plan.code.map { "\($0): " } ?? ""
            blocks.append(.heading(level: 1, text: "Focus area \(code)\(project.headline)"))
            var about: [ReportDefinition] = []
            if let aim = plan.aim { about.append(ReportDefinition(term: "Aim", definition: ReportText(aim))) }
            if let lead = plan.lead { about.append(ReportDefinition(term: "Lead", definition: ReportText(PlanReport.person(lead, state)))) }
            if let s = plan.startDate { about.append(ReportDefinition(term: "Start", definition: ReportText(s.text))) }
            if let e = plan.endDate { about.append(ReportDefinition(term: "End", definition: ReportText(e.text))) }
            if !about.isEmpty { blocks.append(.definitionList(about)) }
            if !plan.targets.isEmpty {
                blocks.append(.heading(level: 2, text: "Targets"))
                blocks.append(.bulletList(plan.targets.map { ReportText($0) }))
            }
            if let background = plan.background {
                blocks.append(.heading(level: 2, text: "Background"))
                blocks.append(.paragraph(ReportText(background)))
            }
            let targets = ReportCell.bullets(plan.targets.map { ReportText($0) })
            let actions = state.actions(of: project.ref, asOf: day)
            var rows: [[ReportCell]] = []
            for (i, action) in actions.enumerated() {
                rows.append(row(action, first: i == 0, targets: targets, plan: plan, state: state))
            }
            if rows.isEmpty { rows.append([targets, ReportCell(text: "No activities agreed yet."), .empty, .empty, .empty, .empty]) }
            blocks.append(.table(ReportTable(columns: columns, rows: rows, columnWeights: [1.4, 1.8, 1, 1, 0.9, 0.9])))
            blocks.append(.table(monitoringBox(project, asOf: day, state: state)))
            return blocks
    }

    static func row(_ action: Item, first: Bool, targets: ReportCell, plan: ProjectPlan, state: MinutesState) -> [ReportCell] {
        let a = state.actionPlan(action.id)
        let links: [String] = a.links.isEmpty && first ? plan.links : a.links
        let linkCell: ReportCell = links.count > 1 ? .bullets(links.map { ReportText($0) }) : ReportCell(text: ReportText(links.first ?? ""))
        let resources: String = a.resources ?? (first ? plan.resources ?? "" : "")
        let owners: ReportCell = a.owners.isEmpty ? .empty : ReportCell(text: .bold(Owner.phrase(a.owners)))
        let timescale: String = a.timescale?.text ?? ""
        return [first ? targets : .empty, ReportCell(text: ReportText(action.text)), linkCell,
                ReportCell(text: ReportText(resources)), owners, ReportCell(text: ReportText(timescale))]
    }

    /// The monitoring box: the progress rating (coloured) and its comment.
    static func monitoringBox(_ project: Project, asOf day: Day, state: MinutesState) -> ReportTable {
        let rating = state.rating(of: project, asOf: day)
        var status = RAG.cell(rating?.rating)
        if let r = rating { status.blocks.append(.paragraph(ReportText("(\(r.meeting.long))"))) }
        let comment = ReportCell(text: ReportText(rating?.comment ?? ""))
        return ReportTable(columns: ["Monitoring: progress", "Comment"], rows: [[status, comment]], columnWeights: [1, 4])
    }
}

/// Ratings as RAG status cells: the word, bold, on its colour (red, amber, green; blue for
/// excellent, as "BRAG" reports do). Formats without colour show the word alone.
public enum RAG {
    public static func fill(_ rating: Rating) -> String {
        switch rating {
        case .unsatisfactory: return "F4B6B0"
        case .satisfactory: return "FFD98A"
        case .good: return "B9E0A5"
        case .excellent: return "A9CCEB"
        }
    }

    public static func cell(_ rating: Rating?) -> ReportCell {
        guard let rating else { return ReportCell(text: "Not rated") }
        var cell = ReportCell(text: .bold(rating.title))
        cell.fill = fill(rating)
        return cell
    }
}
