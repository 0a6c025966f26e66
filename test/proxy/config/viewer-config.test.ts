import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';

describe('the viewer settings', () => {
  const base = { STORE_DIR: '/tmp/x' };

  it('leaves PDF printing off unless the admin turns it on', () => {
    expect(parseConfig(base).viewer.pdfPrint).toBe(false);
    expect(parseConfig({ ...base, PDF_PRINT: 'true' }).viewer.pdfPrint).toBe(true);
    expect(parseConfig({ ...base, PDF_PRINT: 'false' }).viewer.pdfPrint).toBe(false);
  });

  it('refuses a PDF_PRINT that is not a yes or a no, naming the setting', () => {
    expect(() => parseConfig({ ...base, PDF_PRINT: 'sometimes' })).toThrow(/PDF_PRINT/);
  });
});
