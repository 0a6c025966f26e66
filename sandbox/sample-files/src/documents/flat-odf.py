"""Writes the sample Office documents as flat OpenDocument XML (one file each) into the folder given
(argv[1]), with the photo argv[2] embedded in the letters.

make-documents.sh then has LibreOffice save them as .docx, .xlsx and .pptx, as a customer's office
suite would. Everything here is invented: people, companies, numbers.
"""
import base64
import sys
from pathlib import Path
from xml.sax.saxutils import escape

out = Path(sys.argv[1])
photo = base64.b64encode(Path(sys.argv[2]).read_bytes()).decode()

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def letter(pages: int, title: str) -> str:
    """A claim letter: headings, paragraphs, a table of damaged parts and a photo, `pages` long."""
    body = [f'<text:h text:outline-level="1">{escape(title)}</text:h>']
    body.append(p("Claim CLM-1007 · Policy MP-2026-448812 · Vehicle KX71 ORD"))
    body.append(
        '<text:p text:style-name="Standard"><draw:frame draw:name="photo" text:anchor-type="as-char" '
        'svg:width="12cm" svg:height="9cm"><draw:image><office:binary-data>'
        + photo
        + "</office:binary-data></draw:image></draw:frame></text:p>"
    )
    body.append(p("Photo 1: front of the vehicle after the collision on 9 March 2026."))
    rows = [
        ("Front bumper", "Replace", "412.00"),
        ("Bonnet", "Repair and paint", "286.50"),
        ("Left headlamp", "Replace", "198.90"),
        ("Grille", "Replace", "74.20"),
        ("Labour (6.5 h)", "", "390.00"),
    ]
    cells = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string">{p(c)}</table:table-cell>' for c in row)
        + "</table:table-row>"
        for row in [("Part", "Work", "Cost (GBP)")] + rows
    )
    body.append(
        '<table:table table:name="Parts"><table:table-column table:number-columns-repeated="3"/>'
        + cells
        + "</table:table>"
    )
    paragraph = (
        "The garage inspected the vehicle on 10 March 2026 and confirmed that the damage is limited to the "
        "front of the car. The airbags did not deploy and the cooling system was not affected. The repair "
        "can be completed within five working days once the parts arrive. A courtesy car is available under "
        "the policy for the duration of the repair. Please confirm the excess of GBP 250 and the payment "
        "details before work starts, so that the garage can order the parts without delay."
    )
    for page in range(2, pages + 1):
        body.append(f'<text:h text:outline-level="2" text:style-name="PageBreak">Section {page}</text:h>')
        body.extend(p(paragraph) for _ in range(7))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        '<office:styles><style:style style:name="PageBreak" style:family="paragraph">'
        '<style:paragraph-properties fo:break-before="page"/></style:style></office:styles>'
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body></office:document>"
    )


def spreadsheet() -> str:
    """Two sheets: the damaged items (wider than a printed page) and the repair quotes."""

    def cell(v):
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}">{p(str(v))}</table:table-cell>'
        return f'<table:table-cell office:value-type="string">{p(v)}</table:table-cell>'

    def sheet(name, rows):
        return (
            f'<table:table table:name="{escape(name)}">'
            + "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
            + "</table:table>"
        )

    items = [["Item", "Room", "Bought", "Price (GBP)", "Damage", "Repairable", "Receipt", "Notes", "Photo"]]
    things = ["Sofa", "Rug", "Television", "Bookcase", "Laptop", "Curtains", "Armchair", "Lamp", "Table", "Chairs (4)"]
    for i, t in enumerate(things * 3):
        items.append([t, ["Living room", "Hall", "Study"][i % 3], f"20{18 + i % 8}-0{1 + i % 9}-15",
                      120 + 37 * i, "Water", "No" if i % 3 else "Yes", "Yes" if i % 2 else "No",
                      "Stood in 3 cm of water", f"IMG_{2040 + i}.HEIC"])
    quotes = [["Contractor", "Work", "Quote (GBP)", "Days"],
              ["Dry-Out Ltd", "Drying and dehumidifying", 1450, 6],
              ["Floor & Co", "Replace hall flooring", 2380, 3],
              ["Paintworks", "Redecorate living room", 960, 2]]
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
        + sheet("Damaged items", items)
        + sheet("Repair quotes", quotes)
        + "</office:spreadsheet></office:body></office:document>"
    )


def slides() -> str:
    """A broker's three-slide summary."""
    pages = [
        ("Fleet renewal 2026", ["Harbour Logistics Ltd", "Prepared by Northgate Brokers", "March 2026"]),
        ("Claims last year", ["14 claims, 11 closed", "Average settlement GBP 2,140", "Two windscreen claims open"]),
        ("Proposal", ["Premium GBP 48,200 (+3.5 %)", "Excess GBP 500 per vehicle", "Telematics discount 6 %"]),
    ]
    out = []
    for i, (title, bullets) in enumerate(pages, 1):
        out.append(
            f'<draw:page draw:name="Slide {i}">'
            '<draw:frame svg:x="2cm" svg:y="1.5cm" svg:width="24cm" svg:height="3cm"><draw:text-box>'
            + p(title) + "</draw:text-box></draw:frame>"
            '<draw:frame svg:x="2cm" svg:y="5cm" svg:width="24cm" svg:height="12cm"><draw:text-box>'
            + "".join(p(b) for b in bullets) + "</draw:text-box></draw:frame></draw:page>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.presentation"><office:body><office:presentation>'
        + "".join(out) + "</office:presentation></office:body></office:document>"
    )


(out / "claim-letter.fodt").write_text(letter(3, "Claim CLM-1007: garage report"))
(out / "ten-page-report.fodt").write_text(letter(10, "Claim CLM-1007: full assessment"))
(out / "damaged-items.fods").write_text(spreadsheet())
(out / "fleet-renewal.fodp").write_text(slides())
