// The generated PDFs and text files of the sample org.
import { buildPdf, type PdfPage } from '../sample-files/pdf-document.ts';

const brand = [0.12, 0.31, 0.63] as const;
const white = [1, 1, 1] as const;

function letterPage(heading: string, lines: readonly string[], footer: string): PdfPage {
  return {
    rects: [{ x: 0, y: 782, width: 595, height: 60, color: brand }],
    texts: [
      { x: 50, y: 805, size: 22, text: 'Sandbox Insurance', bold: true, color: white },
      { x: 50, y: 730, size: 20, text: heading, bold: true },
      ...lines.map((text, i) => ({ x: 50, y: 690 - i * 22, size: 13, text })),
      { x: 50, y: 40, size: 10, text: footer, color: [0.4, 0.4, 0.4] as const },
    ],
  };
}

/** Three pages of text with a link on the first: pagination, text layer and link handling. */
export function policyDocumentPdf(): Uint8Array {
  const first = letterPage(
    'Motor Insurance Policy',
    ['Policy number: MTR-2026-1001', 'Policy holder: Dana Whitfield', 'Vehicle: 2019 hatchback, red'],
    'Page 1 of 3',
  );
  first.links = [
    { x: 50, y: 600, size: 13, text: 'Read the full terms online', uri: 'https://example.com/policy-terms' },
  ];
  return buildPdf(
    [
      first,
      letterPage(
        'Coverage',
        ['Third-party liability: included', 'Collision damage: excess 250.00', 'Windscreen: included'],
        'Page 2 of 3',
      ),
      letterPage(
        'Making a claim',
        ['1. Send photos of the damage', '2. Send the repair estimate', '3. We call you back within 2 days'],
        'Page 3 of 3',
      ),
    ],
    'Motor Insurance Policy MTR-2026-1001',
  );
}

export function transferReceiptPdf(): Uint8Array {
  return buildPdf(
    [
      letterPage(
        'Überweisung März 2026',
        ['Empfänger: Sandbox Insurance', 'Betrag: 1.250,00 €', 'Verwendungszweck: Schaden CLM-1002'],
        'Seite 1 von 1',
      ),
    ],
    'Überweisung März 2026',
  );
}

export function bankStatementPdf(): Uint8Array {
  return buildPdf(
    [
      letterPage(
        'Bank statement',
        ['Account: ****4821', 'Period: February 2026', 'Balance: 3,410.77'],
        'Page 1',
      ),
    ],
    'Bank statement',
  );
}

export function accidentReportPdf(): Uint8Array {
  return buildPdf(
    [
      letterPage(
        'Accident report CLM-1001',
        ['Date: 11 March 2026, 17:40', 'Place: Station Road roundabout', 'Other party: reversed into my car'],
        'Page 1 of 2',
      ),
      letterPage(
        'Sketch and witnesses',
        ['Witness: J. Okafor, 07700 900123', 'Police reference: none'],
        'Page 2 of 2',
      ),
    ],
    'Accident report CLM-1001',
  );
}

export function claimFormPdf(): Uint8Array {
  return buildPdf(
    [letterPage('Claim form', ['Please sign and return this form.', 'Claim: CLM-1001'], 'Page 1 of 1')],
    'Claim form',
  );
}

export function oldInvoicePdf(): Uint8Array {
  return buildPdf(
    [letterPage('Invoice 2025-0917', ['Windscreen replacement', 'Total: 310.00'], 'Page 1 of 1')],
    'Invoice 2025-0917',
  );
}

const text = (value: string) => new TextEncoder().encode(value);

export function estimateCsv(): Uint8Array {
  return text(
    'item,quantity,unit_price,total\n"Rear bumper, painted",1,420.00,420.00\nTail light,2,85.50,171.00\nLabour (hours),3.5,60.00,210.00\n',
  );
}

export function notesTxt(): Uint8Array {
  return text(
    'Notes from the customer portal\n\n- Car parked at Station Road, keys with neighbour.\n- Preferred garage: Müller & Söhne.\n- Call after 17:00.\n',
  );
}

export function vehicleJson(): Uint8Array {
  return text(
    `${JSON.stringify({ registration: 'SB19 XYZ', make: 'Hatchback', year: 2019, colour: 'red', mileage: 48210 }, null, 2)}\n`,
  );
}

// Active content: if a viewer ever serves these inline on its own origin, the script runs and sets
// a flag a browser test can look for.
export function diagramSvg(): Uint8Array {
  return text(
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120">\n' +
      '  <rect width="200" height="120" fill="#f4f4f4"/>\n' +
      '  <path d="M20 90 L90 40 L180 90" stroke="#1f4fa0" stroke-width="4" fill="none"/>\n' +
      '  <text x="20" y="20" font-family="sans-serif" font-size="14">Accident sketch</text>\n' +
      '  <script>window.__attachmentViewerActiveContent = "svg";</script>\n' +
      '</svg>\n',
  );
}

export function savedPageHtml(): Uint8Array {
  return text(
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Saved page</title></head>\n' +
      '<body><h1>Garage booking confirmation</h1><p>Booked for 18 March 2026.</p>\n' +
      '<script>window.__attachmentViewerActiveContent = "html";</script></body></html>\n',
  );
}

/** The EICAR anti-virus test file: harmless, but every scanner reports it as infected. */
export function eicarTestFile(): Uint8Array {
  return text('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
}
