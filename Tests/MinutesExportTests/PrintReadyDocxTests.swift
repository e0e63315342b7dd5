import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The minutes as Word writes them for printing: rows kept whole, headings kept with their
/// tables, a footer with the status and page numbers, the title and language asked for.
@Suite struct PrintReadyDocxTests {

    static func sampleMinutes(title: String? = nil, language: String? = nil) throws -> [String: Data] {
        var request = ExportRequest.minutes(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"), format: .docx)
        request.title = title
        request.language = language
        return try DocxReader.parts(Exporter.render(request, journalPath: ExportFixtures.samplePath).data)
    }

    static func body(_ parts: [String: Data]) throws -> Node {
        let xml = try #require(parts["word/document.xml"])
        return try #require(try XMLTree.parse(xml).first("w:body"))
    }

    @Test func everyTableRowIsKeptWholeAndOnlyTheFirstRepeats() throws {
        let tables = try Self.body(Self.sampleMinutes()).children("w:tbl")
        #expect(tables.count == 6)
        for table in tables {
            let rows = table.children("w:tr")
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.first("w:trPr")?.first("w:cantSplit") != nil })
            #expect(rows[0].first("w:tblHeader") != nil)
            #expect(rows[1].first("w:tblHeader") == nil)
        }
    }

    @Test func everyHeadingIsKeptWithTheTableAfterIt() throws {
        let body = try Self.body(Self.sampleMinutes())
        let children = body.children.filter { $0.name != "w:sectPr" }
        for (index, node) in children.enumerated() where node.first("w:pStyle")?.attributes["w:val"] == "Heading1" {
            #expect(node.first("w:pPr")?.first("w:keepNext") != nil, "\(DocxReader.text(of: node))")
            let next = children[index + 1]
            if DocxReader.text(of: node).hasPrefix("Project") {
                #expect(next.name == "w:tbl")
                // The header row's paragraphs keep it with the row after it.
                let headerStyles = next.children("w:tr")[0].all("w:pStyle").map { $0.attributes["w:val"] }
                #expect(headerStyles.allSatisfy { $0 == "TableHeading" })
            }
        }
        let styles = String(decoding: try #require(try Self.sampleMinutes()["word/styles.xml"]), as: UTF8.self)
        #expect(styles.contains(#"<w:style w:type="paragraph" w:styleId="TableHeading">"#)
                && styles.contains(#"<w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/><w:pPr><w:keepNext/>"#))
    }

    @Test func theFooterNamesTheGroupMeetingAndStatusAndNumbersThePages() throws {
        let parts = try Self.sampleMinutes()
        let footerXML = try #require(parts["word/footer1.xml"])
        let footer = try XMLTree.parse(footerXML)
        #expect(footer.name == "w:ftr")
        let instructions = footer.all("w:instrText").map { $0.text.trimmingCharacters(in: .whitespaces) }
        #expect(instructions == ["PAGE", "NUMPAGES"])
        #expect(footer.all("w:fldChar").map { $0.attributes["w:fldCharType"] ?? "" }
                == ["begin", "separate", "end", "begin", "separate", "end"])
        let text = DocxReader.text(of: footer)
        #expect(text == "Stay Safe Working Group · Minutes of 25 June 2009 · DRAFT\tPage 1 of 1")

        // The section points at it through a relationship of the footer type.
        let section = try #require(try Self.body(parts).first("w:sectPr"))
        let reference = try #require(section.children.first { $0.name == "w:footerReference" })
        #expect(reference.name == "w:footerReference" && reference.attributes["w:type"] == "default")
        let relsXML = try #require(parts["word/_rels/document.xml.rels"])
        let rels = try XMLTree.parse(relsXML).children("Relationship")
        let rel = try #require(rels.first { $0.attributes["Id"] == reference.attributes["r:id"] })
        #expect(rel.attributes["Target"] == "footer1.xml")
        #expect(rel.attributes["Type"]?.hasSuffix("/relationships/footer") == true)
    }

    @Test func theStatusIsAValueOfTheReportDraftUntilApproved() throws {
        let state = try ExportFixtures.sampleState()
        let draft = try MinutesReport.build(group: "stay-safe", state: state)
        #expect(draft.metadata.last == ReportMetadata("Status", "DRAFT: not yet approved"))
        #expect(draft.footer.hasSuffix("· DRAFT"))
        let approved = try MinutesReport.build(group: "stay-safe", status: .approved(on: ExportFixtures.day("2009-09-17")), state: state)
        #expect(approved.metadata.last == ReportMetadata("Status", "Approved at the meeting of 17 September 2009"))
        #expect(approved.footer == "Stay Safe Working Group · Minutes of 25 June 2009 · Approved at the meeting of 17 September 2009")
        var request = ExportRequest.minutes(group: "stay-safe", format: .docx)
        request.status = .approved(on: ExportFixtures.day("2009-09-17"))
        let footer = try #require(try DocxReader.parts(Exporter.render(request, state: state).data)["word/footer1.xml"])
        #expect(DocxReader.text(of: try XMLTree.parse(footer)).hasPrefix("Stay Safe Working Group · Minutes of 25 June 2009 · Approved at the meeting of 17 September 2009\t"))
    }

    /// Issue 22: every page of draft minutes says DRAFT at its head, and once approved, where.
    @Test func everyPageHeadSaysDraftUntilTheMinutesAreApproved() throws {
        let state = try ExportFixtures.sampleState()
        func header(_ status: MinutesReport.MinutesStatus) throws -> String {
            var request = ExportRequest.minutes(group: "stay-safe", format: .docx)
            request.status = status
            let parts = try DocxReader.parts(Exporter.render(request, state: state).data)
            let document = String(decoding: try #require(parts["word/document.xml"]), as: UTF8.self)
            #expect(document.contains(#"<w:headerReference w:type="default" r:id="rId5"/>"#))
            let rels = String(decoding: try #require(parts["word/_rels/document.xml.rels"]), as: UTF8.self)
            #expect(rels.contains(#"Id="rId5""#) && rels.contains(#"Target="header1.xml""#))
            return DocxReader.text(of: try XMLTree.parse(try #require(parts["word/header1.xml"])))
        }
        #expect(try header(.draft) == "DRAFT")
        #expect(try header(.approved(on: ExportFixtures.day("2009-09-17"))) == "Approved at the meeting of 17 September 2009")
    }

    @Test func theLanguageIsBritishEnglishByDefaultAndComplexScriptsAreNotMislabelled() throws {
        let styles = String(decoding: try #require(try Self.sampleMinutes()["word/styles.xml"]), as: UTF8.self)
        #expect(styles.contains(#"<w:lang w:val="en-GB"/>"#))
        #expect(!styles.contains("ur-PK"))
        let core = String(decoding: try #require(try Self.sampleMinutes()["docProps/core.xml"]), as: UTF8.self)
        #expect(core.contains("<dc:language>en-GB</dc:language>"))

        let urdu = String(decoding: try #require(try Self.sampleMinutes(language: "ur-PK")["word/styles.xml"]), as: UTF8.self)
        #expect(urdu.contains(#"<w:lang w:val="ur-PK" w:bidi="ur-PK"/>"#))
        let american = String(decoding: try #require(try Self.sampleMinutes(language: "en-US")["word/styles.xml"]), as: UTF8.self)
        #expect(american.contains(#"<w:lang w:val="en-US"/>"#))
    }

    @Test func aTitleTheGroupSetsReplacesTheReportsOwn() throws {
        let parts = try Self.sampleMinutes(title: "Stay Safe — minutes for the cluster board\n")
        let first = try #require(try Self.body(parts).children("w:p").first)
        #expect(first.first("w:pStyle")?.attributes["w:val"] == "Title")
        #expect(DocxReader.text(of: first) == "Stay Safe — minutes for the cluster board")
        let core = String(decoding: try #require(parts["docProps/core.xml"]), as: UTF8.self)
        #expect(core.contains("<dc:title>Stay Safe — minutes for the cluster board</dc:title>"))
    }

    @Test func whosWhoShowsPeopleNotInTheDirectoryByTheirInitialsAlone() throws {
        var journal = TestJournal()
        let day = ExportFixtures.day("2011-01-10")
        journal.add(.person(Person(initials: "AB", name: "Ann Bell", organisation: "Council")))
        journal.add(.group(slug: "g", name: "G Group", lead: "AB"))
        journal.add(.project(ProjectRef(group: "g", number: 1), headline: "One"))
        journal.add(.meeting(MeetingFields(group: "g", date: day, present: ["AB", "QX"])))
        let document = try MinutesReport.build(group: "g", state: journal.state)
        guard case .definitionList(let who) = document.blocks.last else { Issue.record("no Who's who"); return }
        #expect(who.map(\.term) == ["AB", "QX"])
        #expect(who.map(\.definition.plainText) == ["Ann Bell, Council", ""])
        for format in [ReportFormat.markdown, .text, .html] {
            let text = String(decoding: try format.render(document), as: UTF8.self)
            #expect(!text.contains("not in the directory"), "\(format)")
            #expect(text.contains("QX"), "\(format)")
        }
        #expect(MarkdownRenderer.render(document).hasSuffix("- **AB** Ann Bell, Council\n- **QX**\n"))
        #expect(TextRenderer.render(document).hasSuffix("  AB  Ann Bell, Council\n  QX\n"))
    }
}
