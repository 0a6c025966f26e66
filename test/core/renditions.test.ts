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
    // A plain zip named as a zip, and a CFB that claims nothing Office (an Outlook .msg), get none.
    expect(renditionPlan('application/zip', undefined, 'photos.zip')).toBeUndefined();
    expect(renditionPlan('application/x-cfb', undefined, 'mail.msg')).toBeUndefined();
  });

  it('never plans one from the name when the bytes are something else', () => {
    expect(renditionPlan('image/png', DOCX, 'letter.docx')).toBeUndefined();
    expect(renditionPlan('application/pdf', undefined, 'scan.tif')).toBeUndefined();
    expect(renditionPlan('text/html', undefined, 'report.doc')).toBeUndefined();
  });
});
