import Foundation
import Testing
@testable import MinutesExport

@Suite struct HTMLRendererTests {
    let html = HTMLRenderer.render(SampleReports.minutes)

    @Test func htmlMatchesGoldenFile() throws {
        try Golden.assertMatches(html, named: "minutes.html")
    }

    @Test func htmlIsAStandaloneEnglishDocumentWithPrintStyles() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.contains("<meta charset=\"utf-8\" />"))
        #expect(html.contains("<title>Be Safe Working Group — minutes</title>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("@page { size: landscape;"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("break-inside: avoid"))
        #expect(!html.contains("<link"), "no external resources")
    }

    @Test func htmlPortraitDocumentsPrintPortrait() {
        let portrait = HTMLRenderer.render(ReportDocument(title: "Actions", orientation: .portrait))
        #expect(portrait.contains("@page { size: portrait;"))
    }

    @Test func htmlTagsAreBalanced() {
        #expect(HTMLCheck.unbalancedTags(in: html) == [])
    }

    @Test func htmlIsWellFormedXML() throws {
        let root = try XMLTree.parse(Data(html.utf8))
        #expect(root.name == "html")
        let tables = root.all("table")
        #expect(tables.count == 3)
        for table in tables {
            #expect(table.first("thead")?.all("th").map(\.allText) == ["Actions required", "Progress: 26 March 2025", "To do by next meeting"])
            #expect(table.first("tbody")?.children("tr").count == 1)
            #expect(table.first("tbody")?.all("td").count == 3)
            #expect(table.all("col").count == 3)
        }
        #expect(root.all("td").allSatisfy { $0.attributes["dir"] == "auto" })
        #expect(root.all("strong").map(\.allText).contains("KP"))
    }

    @Test func htmlContainsNoRawScriptControlsOrBidiOverrides() {
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; [31mred bell"))
        #expect(!html.containsScalar { TextEscaping.isControl($0) && $0 != "\n" })
        #expect(!html.containsScalar(where: TextEscaping.isBidiControl))
    }

    @Test func htmlKeepsRightToLeftAndWideTextIntact() {
        #expect(html.contains("<p dir=\"auto\">\(SampleReports.urdu)</p>"))
        #expect(html.contains(SampleReports.gujarati))
        #expect(html.contains(SampleReports.chinese))
        #expect(html.contains(SampleReports.emoji))
    }

    @Test func htmlGroupsCellBulletsIntoLists() {
        #expect(html.contains("<td dir=\"auto\"><ul><li dir=\"auto\"><strong>KP</strong> to book the cycle trainers (from 12 February)</li><li dir=\"auto\"><strong>DD</strong> to collect the questionnaire returns</li></ul></td>"))
        #expect(html.contains("<p class=\"sub\" dir=\"auto\"><strong>12 February 2025</strong></p><ul>"))
        #expect(html.contains("sent their entry back.<br />Three still to come."))
    }

    @Test func htmlEscapesAttributesAndRejectsStrangeLanguageTags() {
        let document = ReportDocument(title: "x\"><script>", language: "en\" onload=\"x")
        let rendered = HTMLRenderer.render(document)
        #expect(rendered.contains("<html lang=\"en\">"))
        #expect(!rendered.contains("<script>"))
    }
}
