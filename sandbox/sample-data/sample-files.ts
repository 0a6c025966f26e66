// Every file of the sample org, generated in memory. Names and declared types are what the
// conversation data says; the bytes are what the viewer will actually get.
import { createHash } from 'node:crypto';
import { encodeJpeg, withExifOrientation } from '../sample-files/jpeg-image.ts';
import { encodePng } from '../sample-files/png-image.ts';
import { videoClip } from '../sample-files/video-clip.ts';
import { sineToneWav } from '../sample-files/wav-audio.ts';
import {
  accidentReportPdf,
  bankStatementPdf,
  claimFormPdf,
  diagramSvg,
  eicarTestFile,
  estimateCsv,
  notesTxt,
  oldInvoicePdf,
  policyDocumentPdf,
  savedPageHtml,
  transferReceiptPdf,
  vehicleJson,
} from './sample-documents.ts';
import {
  companyLogo,
  damageFrontPhoto,
  damagePhoto,
  fakeInvoice,
  receiptPhoto,
  repairGuide,
  sidewaysPhotoStored,
} from './sample-pictures.ts';

export interface SampleFile {
  name: string;
  /** The MIME type the conversation data declares (it lies for fakeInvoice). */
  contentType: string;
  bytes: Uint8Array;
}

export function buildSampleFiles(videoClipPath: string) {
  const file = (name: string, contentType: string, bytes: Uint8Array): SampleFile => ({
    name,
    contentType,
    bytes,
  });
  return {
    policyDocument: file('policy-document.pdf', 'application/pdf', policyDocumentPdf()),
    damagePhoto: file('damage-photo.jpg', 'image/jpeg', encodeJpeg(damagePhoto())),
    sidewaysPhoto: file(
      'damage-photo-sideways.jpg',
      'image/jpeg',
      withExifOrientation(encodeJpeg(sidewaysPhotoStored()), 6),
    ),
    voiceNote: file(
      'voice-note.wav',
      'audio/wav',
      sineToneWav({ frequency: 440, seconds: 2, sampleRate: 11_025 }),
    ),
    walkaround: file('walkaround.webm', 'video/webm', videoClip(videoClipPath)),
    repairGuide: file('repair-guide.png', 'image/png', encodePng(repairGuide())),
    damageFront: file('damage-front.jpg', 'image/jpeg', encodeJpeg(damageFrontPhoto())),
    transferReceipt: file('Überweisung März 2026.pdf', 'application/pdf', transferReceiptPdf()),
    bankStatement: file('statement.pdf', 'application/pdf', bankStatementPdf()),
    eicar: file('eicar-test.txt', 'text/plain', eicarTestFile()),
    fakeInvoice: file('invoice.pdf', 'application/pdf', encodePng(fakeInvoice())),
    estimate: file('estimate.csv', 'text/csv', estimateCsv()),
    notes: file('notes.txt', 'text/plain', notesTxt()),
    vehicle: file('vehicle.json', 'application/json', vehicleJson()),
    diagram: file('diagram.svg', 'image/svg+xml', diagramSvg()),
    savedPage: file('saved-page.html', 'text/html', savedPageHtml()),
    accidentReport: file('accident-report.pdf', 'application/pdf', accidentReportPdf()),
    companyLogo: file('logo.png', 'image/png', encodePng(companyLogo())),
    claimForm: file('claim-form.pdf', 'application/pdf', claimFormPdf()),
    receipt: file('receipt.jpg', 'image/jpeg', encodeJpeg(receiptPhoto())),
    oldInvoice: file('old-invoice.pdf', 'application/pdf', oldInvoicePdf()),
  };
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
