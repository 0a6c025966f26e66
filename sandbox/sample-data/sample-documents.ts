// The text files of the sample org (the binary ones are committed in sandbox/sample-files).
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
