import { describe, expect, it } from 'vitest';
import { decideContent, sniff } from '../../../proxy/links/content-policy.ts';

describe('content policy', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n');
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
    1, 8, 2, 0, 0, 0,
  ]);
  const text = (s: string) => new TextEncoder().encode(s);

  it('trusts the bytes over the declared type and reports the disagreement', async () => {
    const sniffed = await sniff(png, 'application/pdf', 'invoice.pdf');
    expect(sniffed).toBe('image/png');
    expect(decideContent(sniffed, 'application/pdf', 'inline')).toMatchObject({
      contentType: 'image/png',
      typeMismatch: true,
      previewKind: 'image',
    });
    expect(
      decideContent(await sniff(pdf, 'application/pdf', 'a.pdf'), 'application/pdf', 'inline'),
    ).toMatchObject({
      previewKind: 'pdf',
      typeMismatch: false,
    });
  });

  it('never serves HTML, SVG, XML or script inline as themselves', async () => {
    const html = await sniff(text('<!DOCTYPE html><script>alert(1)</script>'), 'text/plain', 'a.txt');
    expect(html).toBe('text/html');
    expect(decideContent(html, 'text/plain', 'inline')).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      disposition: 'inline',
    });
    expect(decideContent(html, undefined, 'attachment')).toMatchObject({
      contentType: 'application/octet-stream',
      disposition: 'attachment',
    });
    const svg = await sniff(
      text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/png',
      'a.png',
    );
    expect(decideContent(svg, undefined, 'inline')).toMatchObject({
      contentType: 'image/svg+xml',
      disposition: 'attachment',
    });
    expect(
      decideContent(await sniff(text('alert(1)'), 'application/javascript', 'x.js'), undefined, 'inline')
        .contentType,
    ).toBe('text/plain; charset=utf-8');
  });

  it('recognises CSV, JSON and plain text, and downloads unknown binaries', async () => {
    expect(
      decideContent(await sniff(text('a,b\n1,2\n'), 'text/csv', 't.csv'), 'text/csv', 'inline').previewKind,
    ).toBe('csv');
    expect(await sniff(text('{"a":1}'), undefined, 'x.json')).toBe('application/json');
    expect(await sniff(text('hello'), undefined, 'x')).toBe('text/plain');
    const binary = await sniff(Uint8Array.from([0, 1, 2, 3, 255]), undefined, 'x.bin');
    expect(decideContent(binary, undefined, 'inline')).toMatchObject({
      contentType: 'application/octet-stream',
      disposition: 'attachment',
    });
  });
});
