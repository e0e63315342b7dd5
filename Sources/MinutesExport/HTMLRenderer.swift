/// Renders a report as one standalone UTF-8 HTML5 file with its stylesheet embedded.
///
/// The output is also well-formed XML (void elements are self-closed, no named entities besides
/// the XML ones), which makes it easy to check. Text goes through `TextEscaping.htmlEscape`;
/// elements holding user text carry `dir="auto"` so right-to-left text displays correctly.
public enum HTMLRenderer {

    public static func render(_ document: ReportDocument) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="\(attribute(languageTag(document.language)))">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="minutes" />
        <title>\(escape(TextEscaping.singleLine(document.title)))</title>
        <style>
        \(stylesheet(orientation: document.orientation))
        </style>
        </head>
        <body>
        <main>
        <h1 dir="auto">\(escape(TextEscaping.singleLine(document.title)))</h1>

        """
        if !document.metadata.isEmpty {
            html += "<dl class=\"meta\">\n"
            for item in document.metadata {
                html += "<dt dir=\"auto\">\(escape(TextEscaping.singleLine(item.label)))</dt>"
                html += "<dd dir=\"auto\">\(text(item.value))</dd>\n"
            }
            html += "</dl>\n"
        }
        for block in document.blocks {
            html += render(block)
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text):
            let tag = "h\(min(max(level, 1) + 1, 6))"
            return "<\(tag) dir=\"auto\">\(escape(TextEscaping.singleLine(text)))</\(tag)>\n"
        case .paragraph(let content):
            return "<p dir=\"auto\">\(text(content))</p>\n"
        case .bulletList(let items):
            return render(.list(items.map { ReportListItem($0) }))
        case .list(let items):
            guard !items.isEmpty else { return "" }
            return "<ul>\n" + items.map(render).joined() + "</ul>\n"
        case .definitionList(let entries):
            guard !entries.isEmpty else { return "" }
            return "<dl class=\"who\">\n" + entries.map { entry in
                "<dt dir=\"auto\">\(escape(TextEscaping.singleLine(entry.term)))</dt><dd dir=\"auto\">\(text(entry.definition))</dd>\n"
            }.joined() + "</dl>\n"
        case .table(let table):
            return render(table)
        }
    }

    static func render(_ table: ReportTable) -> String {
        let columns = table.paddedColumns
        guard !columns.isEmpty else { return "" }
        var html = "<table>\n"
        if let caption = table.caption, !TextEscaping.singleLine(caption).isEmpty {
            html += "<caption dir=\"auto\">\(escape(TextEscaping.singleLine(caption)))</caption>\n"
        }
        html += "<colgroup>"
        for fraction in table.columnFractions {
            html += "<col style=\"width: \(percent(fraction))%\" />"
        }
        html += "</colgroup>\n<thead>\n<tr>"
        for column in columns {
            html += "<th scope=\"col\" dir=\"auto\">\(escape(TextEscaping.singleLine(column)))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.paddedRows {
            html += "<tr>\n"
            for cell in row {
                let fill = cell.fill.map { " style=\"background: #\($0)\"" } ?? ""
                html += "<td dir=\"auto\"\(fill)>\(render(cell))</td>\n"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    /// A list item; its sub-points a list inside it, its detail after them.
    static func render(_ item: ReportListItem) -> String {
        guard !item.subPoints.isEmpty else {
            let lines = item.detail.isEmpty ? item.text : item.text + ReportText("\n") + item.detail
            return "<li dir=\"auto\">\(text(lines))</li>\n"
        }
        var html = "<li dir=\"auto\">\(text(item.text))<ul>"
        html += item.subPoints.map { "<li dir=\"auto\">\(text($0))</li>" }.joined()
        html += "</ul>"
        if !item.detail.isEmpty { html += "<div dir=\"auto\">\(text(item.detail))</div>" }
        return html + "</li>\n"
    }

    /// A cell's blocks; bullets make a list, and the sub-bullets after a bullet a list inside
    /// its item (so the item stays open until the next block that is not a sub-bullet).
    static func render(_ cell: ReportCell) -> String {
        var html = ""
        var inList = false
        var inSubList = false
        func closeSubList() {
            if inSubList { html += "</ul>" }
            inSubList = false
        }
        func closeList() {
            closeSubList()
            if inList { html += "</li></ul>" }
            inList = false
        }
        for block in cell.blocks {
            switch block {
            case .bullet(let content):
                closeSubList()
                html += inList ? "</li>" : "<ul>"
                inList = true
                html += "<li dir=\"auto\">\(text(content))"
            case .subBullet(let content):
                if !inList { html += "<ul><li>" }
                inList = true
                if !inSubList { html += "<ul>" }
                inSubList = true
                html += "<li dir=\"auto\">\(text(content))</li>"
            case .paragraph(let content):
                closeList()
                html += "<p dir=\"auto\">\(text(content))</p>"
            case .subheading(let content):
                closeList()
                html += "<p class=\"sub\" dir=\"auto\"><strong>\(escape(TextEscaping.singleLine(content)))</strong></p>"
            }
        }
        closeList()
        return html
    }

    // MARK: Text

    /// Escaped text with line breaks as `<br />`.
    static func text(_ value: String) -> String {
        // A line feed is always a character of its own, so its bytes are replaced directly.
        let escaped = escape(value)
        guard escaped.utf8.contains(0x0A) else { return escaped }
        var out: [UInt8] = []
        out.reserveCapacity(escaped.utf8.count + 32)
        for byte in escaped.utf8 {
            if byte == 0x0A { out += "<br />".utf8 } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func text(_ value: ReportText) -> String {
        value.normalizedRuns.map { run in
            let inner = run.isBold ? "<strong>\(text(run.text))</strong>" : text(run.text)
            guard let colour = run.colour, colour.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) }) else { return inner }
            return "<span style=\"color:#\(colour)\">\(inner)</span>"
        }.joined()
    }

    static func escape(_ value: String) -> String {
        TextEscaping.htmlEscape(value)
    }

    static func attribute(_ value: String) -> String {
        TextEscaping.htmlEscape(TextEscaping.singleLine(value))
    }

    /// A BCP 47 tag made of letters, digits and hyphens only; "en" otherwise.
    static func languageTag(_ tag: String) -> String {
        let valid = !tag.isEmpty && tag.count <= 35 && tag.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
        }
        return valid ? tag : "en"
    }

    static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    // MARK: Style

    static func stylesheet(orientation: ReportOrientation) -> String {
        """
        :root { color-scheme: light; }
        body {
          font-family: "Segoe UI", Calibri, Carlito, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
          font-size: 11pt; line-height: 1.4; color: #1a1a1a; background: #fff;
          max-width: 80em; margin: 1.5em auto; padding: 0 1em;
        }
        h1 { font-size: 1.6em; margin: 0 0 .4em; }
        h2 { font-size: 1.3em; margin: 1.4em 0 .4em; }
        h3, h4, h5, h6 { font-size: 1.1em; margin: 1.2em 0 .3em; }
        dl.meta, dl.who { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 1em; }
        dl.meta dt { font-weight: bold; }
        dl.meta dt::after { content: ":"; }
        dl.who dt { font-weight: bold; }
        dt, dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5em 0 1.5em; }
        caption { caption-side: top; text-align: start; font-weight: bold; padding: .3em 0; }
        th, td { border: 1px solid #5f6b7a; padding: .4em .55em; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
        thead th { background: #dfe6f0; }
        td p { margin: 0 0 .35em; }
        td p.sub { margin: .6em 0 .2em; }
        td p.sub:first-child { margin-top: 0; }
        td ul { margin: 0 0 .35em; padding-inline-start: 1.2em; }
        li ul { margin: .15em 0 .2em; list-style-type: circle; }
        td li { margin: 0 0 .15em; }
        @media print {
          @page { size: \(orientation == .landscape ? "landscape" : "portrait"); margin: 12mm; }
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          thead { display: table-header-group; }
          tr, th, td { break-inside: avoid; page-break-inside: avoid; }
          h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
          thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
    }
}
