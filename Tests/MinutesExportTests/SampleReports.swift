import Foundation
@testable import MinutesExport

/// Sample reports shared by the tests. The wording is invented for the tests.
enum SampleReports {

    /// Everything a hostile or careless user could paste into a cell.
    static let hostileText =
        "<script>alert('x')</script> & \"quoted\" \u{1B}[31mred\u{07} bell\u{0}nul "
        + "\u{202E}desrever\u{85}next line =cmd|' /C calc'!A0"

    static let formula = "=cmd|' /C calc'!A0"

    static let urdu = "والدین کے لیے سوالنامے کا ترجمہ مکمل ہو گیا"
    static let gujarati = "માતા-પિતા માટે પ્રશ્નાવલી તૈયાર છે"
    static let chinese = "家长问卷已经翻译成中文，下周发到各个学校。"
    static let emoji = "🚸 Crossing patrol back on duty ✅ 👨‍👩‍👧"

    static let minutes = ReportDocument(
        title: "Be Safe Working Group — minutes",
        metadata: [
            ReportMetadata("Date", "26 March 2025"),
            ReportMetadata("Present", "AB (chair), KP, DD, SM, Ling Chen (guest from the Hillview parents' forum)"),
            ReportMetadata("Apologies", "RT, Youth Service"),
        ],
        orientation: .landscape,
        blocks: [
            .heading(level: 1, text: "Project updates"),
            .heading(level: 2, text: "Project 1"),
            .table(ReportTable(
                columns: ["Actions required", "Progress: 26 March 2025", "To do by next meeting"],
                rows: [[
                    [
                        .bullet("Run a cycle-skills course for Year 6 every term."),
                        .bullet("Map the crossings that parents report as unsafe."),
                    ],
                    [
                        .subheading("12 February 2025"),
                        .bullet("Two schools have signed up for the spring course."),
                        .bullet("Crossing questionnaire drafted; it needs translating."),
                        .subheading("26 March 2025"),
                        .bullet("Questionnaire sent home in three languages:"),
                        .paragraph(ReportText(urdu)),
                        .paragraph(ReportText(gujarati)),
                        .paragraph(ReportText(chinese)),
                        .bullet(ReportText(emoji)),
                    ],
                    [
                        .bullet("\(bold: "KP") to book the cycle trainers (from 12 February)"),
                        .bullet("\(bold: "DD") to collect the questionnaire returns"),
                    ],
                ]],
                caption: "Project 1: safer journeys to school"
            )),
            .heading(level: 2, text: "Project 2"),
            .table(ReportTable(
                columns: ["Actions required", "Progress: 26 March 2025", "To do by next meeting"],
                rows: [[
                    [
                        .bullet("Build one shared list of who does what in the area."),
                        .bullet("Review the list once a term."),
                    ],
                    [
                        .subheading("12 February 2025"),
                        .bullet("Template for entries agreed."),
                        .subheading("26 March 2025"),
                        .bullet("Eleven organisations have sent their entry back.\nThree still to come."),
                    ],
                    [
                        .bullet("\(bold: "KP") to chase the remaining entries"),
                        .bullet("\(bold: "SM") to check that the web link works (from 12 February)"),
                    ],
                ]],
                caption: "Project 2: a directory of local services"
            )),
            .heading(level: 2, text: "Project 3"),
            .table(ReportTable(
                columns: ["Actions required", "Progress: 26 March 2025", "To do by next meeting"],
                rows: [[
                    [.paragraph(ReportText(hostileText))],
                    [
                        .subheading("26 March 2025"),
                        .paragraph("Figures | pipes, *stars*, _underscores_, `ticks` and [brackets] must stay literal."),
                    ],
                    [.bullet(ReportText(formula))],
                ]],
                caption: "Project 3: attendance"
            )),
            .heading(level: 1, text: "Any other business"),
            .paragraph("The next meeting is on 7 May 2025 at Hillview Primary.\n# Not a heading"),
            .bulletList(["Room booked by AB.", "\(bold: "All") to send agenda items a week before."]),
            .heading(level: 1, text: "Who's who"),
            .definitionList([
                ReportDefinition(term: "AB", definition: "Amir Baig, Northside Family Hub"),
                ReportDefinition(term: "DD", definition: "Dana Doyle, Road Safety Team"),
                ReportDefinition(term: "KP", definition: "Kiran Patel, Cluster coordinator"),
                ReportDefinition(term: "SM", definition: "Sunita Mistry, Hillview Primary"),
            ]),
        ],
        created: Date(timeIntervalSince1970: 1_743_000_000)
    )

    /// An action list as flat records, for CSV.
    static let actionRecords = ReportRecordSet(
        header: ["Owner", "Follow-up", "Project", "Raised", "Carried"],
        rows: [
            ["KP", "Book the cycle trainers", "1", "12 February 2025", "1"],
            ["KP", "Chase the remaining entries, \"soon\"", "2", "26 March 2025", "0"],
            ["DD", formula, "3", "26 March 2025", "0"],
            ["SM", "+44 1234 567890", "2", "12 February 2025", "1"],
            ["SM", "-1 from the total", "2", "12 February 2025", "1"],
            ["RT", "@SUM(A1:A9)", "3", "26 March 2025", "0"],
            ["RT", "\tTabbed", "3", "26 March 2025", "0"],
            ["RT", "\rcarriage", "3", "26 March 2025", "0"],
            ["AB", "Two lines\r\nof text", "1", "26 March 2025", "0"],
            ["AB", hostileText, "3", "26 March 2025", "0"],
            ["LC", urdu + " " + chinese + " " + emoji, "1", "26 March 2025", "0"],
        ]
    )
}
