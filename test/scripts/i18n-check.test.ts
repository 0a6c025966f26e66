import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCatalogues, extractEnglish, missingLanguages } from '../../scripts/i18n-check.ts';
import { findLiteralsIn } from '../../scripts/i18n-literals.ts';

const formatjs = join(process.cwd(), 'node_modules', '.bin', 'formatjs');
const catalogues = 'app/shared/i18n/catalogues';
let root: string;

async function project(files: Record<string, string>): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'i18n-project-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const component = `import { defineMessages } from 'react-intl';
export const messages = defineMessages({
  open: { id: 'list.open', defaultMessage: 'Open {name}' },
  count: { id: 'list.count', defaultMessage: '{n, plural, one {# file} other {# files}}' },
});
`;

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm run i18n:check', () => {
  it('passes on this repository', async () => {
    expect(await checkCatalogues(process.cwd(), formatjs)).toEqual([]);
  });

  it('has a catalogue for every language Genesys Cloud’s interface offers', async () => {
    expect(await missingLanguages(process.cwd())).toEqual([]);
    const dir = await project({ [`${catalogues}/de.json`]: '{}', [`${catalogues}/en.json`]: '{}' });
    const missing = await missingLanguages(dir);
    expect(missing).toContain('fr-CA');
    expect(missing).not.toContain('de');
  });

  it('finds no user-visible text written in the widget’s code instead of a catalogue', async () => {
    const found = await findLiteralsIn(process.cwd());
    expect(found.map((l) => `${l.file}:${l.line}: ${l.text}`)).toEqual([]);
  });

  it('fails when the English catalogue is stale', async () => {
    const dir = await project({ 'app/list.tsx': component, [`${catalogues}/en.json`]: '{}' });
    const problems = await checkCatalogues(dir, formatjs);
    expect(problems.join('\n')).toContain('npm run i18n:extract');
  });

  it('fails when a translation lacks a key, or drops a placeholder', async () => {
    const dir = await project({
      'app/list.tsx': component,
      [`${catalogues}/de.json`]: JSON.stringify({ 'list.open': 'Öffnen' }),
    });
    await extractEnglish(dir, formatjs);
    const problems = (await checkCatalogues(dir, formatjs)).join('\n');
    expect(problems).toContain('list.count');
    expect(problems).toMatch(/list\.open|name/);
  });

  it('passes a complete translation', async () => {
    const dir = await project({
      'app/list.tsx': component,
      [`${catalogues}/de.json`]: JSON.stringify({
        'list.open': '{name} öffnen',
        'list.count': '{n, plural, one {# Datei} other {# Dateien}}',
      }),
    });
    await extractEnglish(dir, formatjs);
    expect(await checkCatalogues(dir, formatjs)).toEqual([]);
  });
});
