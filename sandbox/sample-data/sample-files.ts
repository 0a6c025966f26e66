// Every file of the sample org. Names and declared types are what the conversation data says; the
// bytes are what the viewer will actually get: binary files made once with Debian's tools and
// committed in sandbox/sample-files (how: its README.md), text files from sample-documents.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  diagramSvg,
  eicarTestFile,
  estimateCsv,
  notesTxt,
  savedPageHtml,
  vehicleJson,
} from './sample-documents.ts';
import { firstJpegInPdf, jpegImage, SCANNED_BUNDLE, scannedBundle } from './scanned-bundle.ts';

/** The committed binary sample files (sandbox/sample-files/make.sh remakes them). */
const sampleFilesDir = path.resolve(import.meta.dirname, '..', 'sample-files');

/** A committed sample file's bytes (the benchmarks build their variants from them). */
export function sampleFileBytes(fileName: string): Uint8Array {
  return committed(fileName);
}

function committed(fileName: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(sampleFilesDir, fileName)));
}

export interface SampleFile {
  name: string;
  /** The MIME type the conversation data declares (it lies for fakeInvoice). */
  contentType: string;
  bytes: Uint8Array;
  /** Made at load time rather than committed (too large for the repository): the sample org's data folder holds only its description. */
  generated?: 'scanned-bundle';
}

export function buildSampleFiles() {
  const file = (name: string, contentType: string, bytes: Uint8Array): SampleFile => ({
    name,
    contentType,
    bytes,
  });
  return {
    policyDocument: file('policy-document.pdf', 'application/pdf', committed('policy-document.pdf')),
    damagePhoto: file('damage-photo.jpg', 'image/jpeg', committed('damage-photo.jpg')),
    sidewaysPhoto: file('damage-photo-sideways.jpg', 'image/jpeg', committed('damage-photo-sideways.jpg')),
    voiceNote: file('voice-note.wav', 'audio/wav', committed('voice-note.wav')),
    walkaround: file('walkaround.webm', 'video/webm', committed('walkaround.webm')),
    repairGuide: file('repair-guide.png', 'image/png', committed('repair-guide.png')),
    damageFront: file('damage-front.jpg', 'image/jpeg', committed('damage-front.jpg')),
    transferReceipt: file('Überweisung März 2026.pdf', 'application/pdf', committed('transfer-receipt.pdf')),
    bankStatement: file('statement.pdf', 'application/pdf', committed('statement.pdf')),
    eicar: file('eicar-test.txt', 'text/plain', eicarTestFile()),
    fakeInvoice: file('invoice.pdf', 'application/pdf', committed('invoice-screenshot.png')),
    estimate: file('estimate.csv', 'text/csv', estimateCsv()),
    notes: file('notes.txt', 'text/plain', notesTxt()),
    vehicle: file('vehicle.json', 'application/json', vehicleJson()),
    diagram: file('diagram.svg', 'image/svg+xml', diagramSvg()),
    savedPage: file('saved-page.html', 'text/html', savedPageHtml()),
    accidentReport: file('accident-report.pdf', 'application/pdf', committed('accident-report.pdf')),
    companyLogo: file('logo.png', 'image/png', committed('logo.png')),
    claimForm: file('claim-form.pdf', 'application/pdf', committed('claim-form.pdf')),
    receipt: file('receipt.jpg', 'image/jpeg', committed('receipt.jpg')),
    oldInvoice: file('old-invoice.pdf', 'application/pdf', committed('old-invoice.pdf')),
    handbook: file('claims-handbook.pdf', 'application/pdf', committed('claims-handbook.pdf')),
    protectedStatement: file(
      'protected-statement.pdf',
      'application/pdf',
      committed('protected-statement.pdf'),
    ),
    claimLetter: file(
      'Garage report CLM-1007.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      committed('claim-letter.docx'),
    ),
    damagedItems: file(
      'damaged-items.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      committed('damaged-items.xlsx'),
    ),
    fleetRenewal: file(
      'fleet-renewal.pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      committed('fleet-renewal.pptx'),
    ),
    tenPageReport: file(
      'full-assessment.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      committed('ten-page-report.docx'),
    ),
    tenPagePdf: file('full-assessment.pdf', 'application/pdf', committed('ten-page-report.pdf')),
    forwardedEmail: file(
      'Fwd: Repair estimate for CLM-1007.eml',
      'message/rfc822',
      committed('forwarded-estimate.eml'),
    ),
    outlookMessage: file(
      'Attach and inline.msg',
      'application/vnd.ms-outlook',
      committed('outlook-inline-image.msg'),
    ),
    photosZip: file('claim-photos.zip', 'application/zip', committed('claim-photos.zip')),
    hostileZip: file('photos-2.zip', 'application/zip', committed('hostile.zip')),
    oldLetter: file('letter-1997.doc', 'application/msword', committed('claim-letter-1997.doc')),
    iphonePhoto: file('IMG_2041.HEIC', 'image/heic', committed('IMG_2041.HEIC')),
    faxClaimForm: file('fax-20260313-0902.tif', 'image/tiff', committed('fax-claim-form.tif')),
    bombDocx: file(
      'quote.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      committed('bomb.docx'),
    ),
    damagedHeic: file('IMG_2042.HEIC', 'image/heic', committed('damaged-photo.heic')),
    macroDocument: file(
      'claim-form-CLM-1012.odt',
      'application/vnd.oasis.opendocument.text',
      committed('claim-form-macro.odt'),
    ),
    multilingualLetter: file(
      'multilingual-letter.pdf',
      'application/pdf',
      committed('multilingual-letter.pdf'),
    ),
    scannedBundle: {
      ...file(SCANNED_BUNDLE.fileName, 'application/pdf', scannedBundleBytes()),
      generated: 'scanned-bundle' as const,
    },
  };
}

/** The bytes of a generated sample object, by the name its sidecar in the data folder gives. */
export function generatedSampleBytes(kind: string): Uint8Array {
  if (kind === 'scanned-bundle') return scannedBundleBytes();
  throw new Error(`unknown generated sample object '${kind}': remake the sample org (npm run samples)`);
}

/** Generated, not committed (about 60 MB): sandbox/sample-data/scanned-bundle.ts. */
function scannedBundleBytes(): Uint8Array {
  return scannedBundle(
    [
      firstJpegInPdf(committed('accident-report.pdf')),
      committed('damage-photo.jpg'),
      committed('receipt.jpg'),
      committed('damage-photo-sideways.jpg'),
      committed('damage-front.jpg'),
    ].map(jpegImage),
  );
}

export type SampleFiles = ReturnType<typeof buildSampleFiles>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Name, declared type, size and digest of a file, as attachment fields carry them. */
export function attachmentFacts(file: SampleFile): {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
} {
  return {
    name: file.name,
    contentType: file.contentType,
    size: file.bytes.length,
    sha256: sha256Hex(file.bytes),
  };
}
