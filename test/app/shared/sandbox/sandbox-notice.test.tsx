// npm start without Swift: the widget says why the sample S3 files cannot open and how to enable them.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadWidgetConfig } from '../../../../app/shared/api/widget-config.ts';
import { SandboxNoticeBanner } from '../../../../app/shared/sandbox/sandbox-notice.tsx';
import { EnglishIntl } from '../../../support/app/render-screen.tsx';

const page = (config: object) => {
  const doc = document.implementation.createHTMLDocument('widget');
  const meta = doc.createElement('meta');
  meta.name = 'widget-config';
  meta.content = JSON.stringify(config);
  doc.head.append(meta);
  return doc;
};
const noFetch = () => Promise.reject(new Error('the page carries the configuration'));

describe('the demo’s S3 notice', () => {
  it('says why S3 files cannot open in this demo and how to enable them', () => {
    render(<SandboxNoticeBanner notice="no-s3" />, { wrapper: EnglishIntl });
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent(/this machine has no Swift/);
    expect(note).toHaveTextContent(/listed as external links and cannot open/);
    expect(note).toHaveTextContent('sudo bash .ci/install-test-deps');
  });

  it('is taken from the widget configuration only with the sandbox org, never in a real deployment', async () => {
    const sandbox = { oauthClientId: 'c', sandboxApiBase: 'http://127.0.0.1:8081', sandboxNotice: 'no-s3' };
    expect((await loadWidgetConfig(noFetch, page(sandbox))).sandboxNotice).toBe('no-s3');
    const real = { oauthClientId: 'c', sandboxNotice: 'no-s3' };
    expect((await loadWidgetConfig(noFetch, page(real))).sandboxNotice).toBeUndefined();
    const unknown = { ...sandbox, sandboxNotice: '<b>hi</b>' };
    expect((await loadWidgetConfig(noFetch, page(unknown))).sandboxNotice).toBeUndefined();
  });
});
