// Where each sample file's bytes live: Genesys downloads (downloads.json), the proxy's embedded
// store (store/<key>) and S3 buckets (s3/<bucket>/<key>), with their scan status.
import { cleanBucket, quarantineBucket } from './reference-urls.ts';
import type { SampleFile, SampleFiles } from './sample-files.ts';
import { hexId } from './sample-ids.ts';

export type ScanStatus = 'clean' | 'pending' | 'infected';

export interface HostedFile {
  downloadId: string;
  file: SampleFile;
  /** Relative to the data folder. */
  path: string;
}

export interface StoredObject {
  key: string;
  file: SampleFile;
  status: ScanStatus;
}

export interface BucketObject extends StoredObject {
  bucket: string;
}

const keyPrefix = 'claims/2026/';

export function genesysHostedFiles(files: SampleFiles) {
  const hosted = (seed: string, file: SampleFile): HostedFile => ({
    downloadId: hexId(`download/${seed}`),
    file,
    path: `downloads/${file.name}`,
  });
  return {
    policyDocument: hosted('policy-document', files.policyDocument),
    damagePhoto: hosted('damage-photo', files.damagePhoto),
    sidewaysPhoto: hosted('damage-photo-sideways', files.sidewaysPhoto),
    voiceNote: hosted('voice-note', files.voiceNote),
    walkaround: hosted('walkaround', files.walkaround),
    repairGuide: hosted('repair-guide', files.repairGuide),
    accidentReport: hosted('accident-report', files.accidentReport),
    companyLogo: hosted('logo', files.companyLogo),
    claimForm: hosted('claim-form', files.claimForm),
    receipt: hosted('receipt', files.receipt),
    oldInvoice: hosted('old-invoice', files.oldInvoice),
    // An email's inline images besides the logo: a signature and a banner (the logo's bytes).
    signatureImage: hosted('signature', { ...files.companyLogo, name: 'signature.png' }),
    bannerImage: hosted('banner', { ...files.companyLogo, name: 'banner.png' }),
    // Open Messaging files Genesys re-hosted: the same bytes as objects of the customer's store.
    rehostedEstimate: hosted('rehosted-estimate', files.estimate),
    rehostedEicar: hosted('rehosted-eicar', files.eicar),
    rehostedStatement: hosted('rehosted-statement', files.bankStatement),
    handbook: hosted('claims-handbook', files.handbook),
    protectedStatement: hosted('protected-statement', files.protectedStatement),
    multilingualLetter: hosted('multilingual-letter', files.multilingualLetter),
    claimLetter: hosted('claim-letter', files.claimLetter),
    damagedItems: hosted('damaged-items', files.damagedItems),
    fleetRenewal: hosted('fleet-renewal', files.fleetRenewal),
    tenPageReport: hosted('ten-page-report', files.tenPageReport),
    oldLetter: hosted('old-letter', files.oldLetter),
    tenPagePdf: hosted('ten-page-pdf', files.tenPagePdf),
    forwardedEmail: hosted('forwarded-email', files.forwardedEmail),
    outlookMessage: hosted('outlook-message', files.outlookMessage),
    photosZip: hosted('photos-zip', files.photosZip),
    hostileZip: hosted('hostile-zip', files.hostileZip),
    iphonePhoto: hosted('iphone-photo', files.iphonePhoto),
    faxClaimForm: hosted('fax-claim-form', files.faxClaimForm),
    bombDocx: hosted('bomb-docx', files.bombDocx),
    macroDocument: hosted('macro-document', files.macroDocument),
    damagedHeic: hosted('damaged-heic', files.damagedHeic),
  };
}

export type GenesysHostedFiles = ReturnType<typeof genesysHostedFiles>;

/** Objects named by bare keys or proxy links: in the embedded store and, mirrored, in the clean bucket. */
export function storeObjects(files: SampleFiles) {
  const stored = (file: SampleFile, status: ScanStatus = 'clean'): StoredObject => ({
    key: `${keyPrefix}${file.name}`,
    file,
    status,
  });
  return {
    fakeInvoice: stored(files.fakeInvoice),
    estimate: stored(files.estimate),
    notes: stored(files.notes),
    vehicle: stored(files.vehicle),
    diagram: stored(files.diagram),
    savedPage: stored(files.savedPage),
    eicar: stored(files.eicar, 'infected'),
    bankStatement: stored(files.bankStatement, 'pending'),
  };
}

export type StoreObjects = ReturnType<typeof storeObjects>;

/** Objects only S3 URLs name. */
export function s3OnlyObjects(files: SampleFiles) {
  const object = (file: SampleFile, bucket = cleanBucket, status: ScanStatus = 'clean'): BucketObject => ({
    bucket,
    key: `${keyPrefix}${file.name}`,
    file,
    status,
  });
  return {
    damageFront: object(files.damageFront),
    transferReceipt: object(files.transferReceipt),
    bankStatement: object(files.bankStatement, quarantineBucket, 'pending'),
    eicar: object(files.eicar, cleanBucket, 'infected'),
    scannedBundle: object(files.scannedBundle),
  };
}

export type S3OnlyObjects = ReturnType<typeof s3OnlyObjects>;

/** Every object of every bucket: the S3-only ones plus the store's objects mirrored into the clean bucket. */
export function allBucketObjects(store: StoreObjects, s3Only: S3OnlyObjects): BucketObject[] {
  const mirrored = Object.values(store).map((o): BucketObject => ({ ...o, bucket: cleanBucket }));
  const byPath = new Map<string, BucketObject>();
  for (const o of [...Object.values(s3Only), ...mirrored]) byPath.set(`${o.bucket}/${o.key}`, o);
  return [...byPath.values()];
}
