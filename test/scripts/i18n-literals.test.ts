import { describe, expect, it } from 'vitest';
import { findLiterals } from '../../scripts/i18n-literals.ts';

function texts(source: string): string[] {
  return findLiterals('x.tsx', source).map((l) => l.text);
}

describe('findLiterals', () => {
  it('finds text written into JSX, as children and in the attributes people read or hear', () => {
    const source = `
      export const A = ({ n, busy }) => (
        <section aria-label="Attachments" className="list wide" data-kind="pdf">
          <h2>Files</h2>
          {busy ? 'Loading…' : null}
          <button title={\`Open \${n}\`} type="button">×</button>
          <img alt="Photo" src="a.png" />
          {n > 1 && 's'}
        </section>
      );`;
    expect(texts(source).sort()).toEqual(['Attachments', 'Files', 'Loading…', 'Open', 'Photo', 's']);
  });

  it('finds sentences in code that become UI later, but not identifiers, types, MIME types or exceptions', () => {
    const source = `
      type Kind = 'Not a sentence either';
      const problem = 'The conversation id in the URL is not valid.';
      const mime = 'application/pdf';
      const header = 'Content-Type';
      console.error('Something went wrong here');
      if (kind === 'pdf') throw new Error(\`Unknown Genesys Cloud environment \${x}\`);
      throw new ProxyApiError(0, 'network', 'The attachment service could not be reached.');
      class SdkHttpError extends Error { constructor(s) { super(\`Request failed with status code \${s}\`); } }`;
    // An exception's message is for whoever reads the log; the screen picks catalogue text by its kind.
    expect(texts(source)).toEqual(['The conversation id in the URL is not valid.']);
  });

  it('passes catalogue messages and text without letters', () => {
    const source = `
      const messages = defineMessages({ open: { id: 'list.open', defaultMessage: 'Open the file', description: 'A button' } });
      export const B = ({ p }) => (
        <p>
          <FormattedMessage {...messages.open} /> · {p}% ← {'—'}
          <span aria-label={intl.formatMessage(messages.open)}>{p === 1 ? '' : '…'}</span>
        </p>
      );`;
    expect(texts(source)).toEqual([]);
  });

  it('looks at the values of a rendered condition, not at the condition', () => {
    expect(texts(`const C = ({ s }) => <p>{s === 'ready' ? 'Done' : 'Waiting'}</p>;`)).toEqual([
      'Done',
      'Waiting',
    ]);
  });
});
