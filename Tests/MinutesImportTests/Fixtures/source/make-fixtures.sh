#!/bin/sh
# Rebuilds the .docx fixtures from the sources in this folder (run from this folder):
# two through LibreOffice from HTML, one zipped from hand-written WordprocessingML.
set -e
profile=/tmp/lo-fixtures-$$
for name in riverside-2025-03 riverside-2025-05; do
    soffice --headless -env:UserInstallation=file://$profile --convert-to docx:"MS Word 2007 XML" --outdir .. $name.html
done
rm -rf "$profile"
/usr/bin/python3 - <<'PY'
import zipfile
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
    "word/document.xml": open("riverside-2025-04.document.xml", encoding="utf-8").read(),
    "word/numbering.xml": open("numbering.xml", encoding="utf-8").read(),
}
with zipfile.ZipFile("../riverside-2025-04.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2025, 4, 9, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
PY
