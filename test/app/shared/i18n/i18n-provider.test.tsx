import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../../app/shared/i18n/i18n-provider.tsx';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
} from '../../../../app/shared/i18n/messages.ts';

const messages = defineMessages<{ files: { count: number }; untranslated: NoMessageValues }>({
  files: { id: 'test.files', defaultMessage: '{count, plural, one {# file} other {# files}}' },
  untranslated: { id: 'test.untranslated', defaultMessage: 'Only in English' },
});

function Sample({ count }: { count: number }) {
  return (
    <p>
      <FormattedMessage {...messages.files} values={{ count }} /> ·{' '}
      <FormattedMessage {...messages.untranslated} />
    </p>
  );
}

describe('I18nProvider', () => {
  it('speaks English from the source with its plural rules', () => {
    render(
      <I18nProvider langTag="en-us">
        <Sample count={1} />
      </I18nProvider>,
    );
    expect(screen.getByText('1 file · Only in English')).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'en-US');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');
  });

  it('uses the catalogue’s plural forms and falls back to English for a key it lacks', () => {
    const polish = {
      'test.files': '{count, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}',
    };
    render(
      <I18nProvider langTag="pl-PL" catalogue={polish}>
        <Sample count={3} />
        <Sample count={5} />
      </I18nProvider>,
    );
    expect(screen.getByText('3 pliki · Only in English')).toBeInTheDocument();
    expect(screen.getByText('5 plików · Only in English')).toBeInTheDocument();
  });

  it('sets the page right to left for Arabic', () => {
    render(
      <I18nProvider langTag="ar-SA" catalogue={{}}>
        <Sample count={2} />
      </I18nProvider>,
    );
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(document.documentElement).toHaveAttribute('lang', 'ar-SA');
  });
});
