import { describe, expect, it } from 'vitest';
import { renditionPlan } from '../../core/renditions.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('renditionPlan', () => {
  it('derives PDFs from Office and OpenDocument files, JPEG from HEIC, PDF from TIFF', () => {
    expect(renditionPlan(DOCX, undefined, 'a.docx')).toEqual({
      name: 'pdf',
      source: 'word',
      converter: 'office',
    });
    expect(renditionPlan('application/vnd.oasis.opendocument.spreadsheet', undefined, 'x')?.source).toBe(
      'spreadsheet',
    );
    expect(renditionPlan('image/heif', 'image/heic', 'IMG.HEIC')).toEqual({
      name: 'jpeg',
      source: 'heic',
      converter: 'heif',
    });
    expect(renditionPlan('image/tiff', undefined, 'fax.tif')?.name).toBe('pdf');
  });

  it('lets the claimed type pick among Office kinds only inside a generic container', () => {
    expect(renditionPlan('application/x-cfb', 'application/vnd.ms-excel', 'book')?.source).toBe(
      'spreadsheet',
    );
    expect(renditionPlan('application/x-cfb', undefined, 'slides.PPT')?.source).toBe('presentation');
    expect(renditionPlan('application/zip', undefined, 'letter.docx')?.source).toBe('word');
    // A plain zip is an archive; an Outlook .msg (also CFB) an email; a CFB claiming nothing, none.
    expect(renditionPlan('application/zip', undefined, 'photos.zip')?.name).toBe('archive');
    expect(renditionPlan('application/x-cfb', undefined, 'mail.msg')).toMatchObject({
      name: 'email',
      source: 'outlook',
    });
    expect(renditionPlan('application/x-cfb', undefined, 'blob.bin')).toBeUndefined();
  });

  it('reads text that claims to be an email as one, and no other text', () => {
    expect(renditionPlan('text/plain', 'message/rfc822', 'Fwd: claim')?.name).toBe('email');
    expect(renditionPlan('text/plain', undefined, 'forwarded.EML')?.name).toBe('email');
    expect(renditionPlan('text/plain', undefined, 'notes.txt')).toBeUndefined();
  });

  it('never plans one from the name when the bytes are something else', () => {
    expect(renditionPlan('image/png', DOCX, 'letter.docx')).toBeUndefined();
    expect(renditionPlan('application/pdf', undefined, 'scan.tif')).toBeUndefined();
    expect(renditionPlan('text/html', undefined, 'report.doc')).toBeUndefined();
  });
});
