import { describe, expect, it } from 'vitest';
import { decideContent, servedFileName } from '../../../proxy/links/content-policy.ts';

describe('the name a file is served under', () => {
  it.each([
    ['invoice.pdf', 'image/png', 'invoice.png'],
    ['scan.PDF', 'image/jpeg', 'scan.jpg'],
    ['photo', 'image/jpeg', 'photo.jpg'],
    ['notes', 'text/plain; charset=utf-8', 'notes.txt'],
    ['report.final.pdf', 'application/pdf', 'report.final.pdf'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['data.txt', 'text/csv; charset=utf-8', 'data.txt'],
    ['clip.m4a', 'video/mp4', 'clip.m4a'],
    [
      'contract.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'contract.docx',
    ],
    ['page.html', 'text/plain; charset=utf-8', 'page.txt'],
    ['page.pdf', 'application/octet-stream', 'page.pdf'],
    ['diagram.png', 'image/svg+xml', 'diagram.svg'],
  ])('serves %s as %s under the name %s', (name, type, expected) => {
    expect(servedFileName(name, type)).toBe(expected);
  });

  it('stays within 255 characters when it gains an extension', () => {
    const long = 'ü'.repeat(255);
    const served = servedFileName(long, 'application/pdf');
    expect([...served]).toHaveLength(255);
    expect(served.endsWith('ü.pdf')).toBe(true);
  });
});

describe('what a file claimed to be', () => {
  it('names the declared type when there is one', () => {
    expect(decideContent('text/plain', 'image/png', 'inline', 'notes.png')).toMatchObject({
      typeMismatch: true,
      claimedType: 'image/png',
      claimedBy: 'declaration',
    });
  });

  it("names what the name's extension claims when nothing was declared", () => {
    expect(decideContent('image/png', undefined, 'inline', 'invoice.pdf')).toMatchObject({
      typeMismatch: true,
      claimedType: 'application/pdf',
      claimedBy: 'name',
    });
  });

  it('claims nothing for a name without a known extension and no declared type', () => {
    const decision = decideContent('image/png', undefined, 'inline', 'upload-1234');
    expect(decision.typeMismatch).toBe(false);
    expect(decision).not.toHaveProperty('claimedType');
  });
});
