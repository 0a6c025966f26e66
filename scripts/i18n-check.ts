// `npm run i18n:extract` writes the English catalogue; `npm run i18n:check` fails when the English catalogue is stale (a message in the source that
// `npm run i18n:extract` has not written out) or when a translated catalogue lacks a key English
// has, has one English lacks, or drops a placeholder or plural branch, or when a language Genesys
// Cloud's interface offers has no catalogue, or when text is written in the widget's code instead of
// a catalogue (scripts/i18n-literals.ts; docs/i18n.md).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GENESYS_UI_LANGUAGES } from '../app/shared/i18n/locales.ts';
import { findLiteralsIn } from './i18n-literals.ts';

const run = promisify(execFile);
const CATALOGUES = 'app/shared/i18n/catalogues';
const localFormatjs = join(process.cwd(), 'node_modules', '.bin', 'formatjs');

const extractArgs = [
  'extract',
  'app/**/*.{ts,tsx}',
  '--ignore',
  'app/**/*.d.ts',
  '--format',
  'simple',
  '--throws',
];

/** Writes the English catalogue from the messages the source defines. */
export async function extractEnglish(root: string, formatjs = localFormatjs): Promise<void> {
  await run(formatjs, [...extractArgs, '--out-file', join(CATALOGUES, 'en.json')], { cwd: root });
}

export async function checkCatalogues(root: string, formatjs = localFormatjs): Promise<string[]> {
  const problems: string[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'i18n-check-'));
  try {
    const fresh = join(scratch, 'en.json');
    await run(formatjs, [...extractArgs, '--out-file', fresh], { cwd: root });
    const extracted = JSON.parse(await readFile(fresh, 'utf8')) as Record<string, string>;
    const committed = JSON.parse(await readFile(join(root, CATALOGUES, 'en.json'), 'utf8')) as Record<
      string,
      string
    >;
    if (JSON.stringify(extracted) !== JSON.stringify(committed))
      problems.push(
        `${CATALOGUES}/en.json is not what the source says: run \`npm run i18n:extract\` and commit it.`,
      );

    const files = (await readdir(join(root, CATALOGUES))).filter((f) => f.endsWith('.json'));
    try {
      await run(
        formatjs,
        [
          'verify',
          '--source-locale',
          'en',
          '--missing-keys',
          '--extra-keys',
          '--structural-equality',
          ...files.map((f) => join(CATALOGUES, f)),
        ],
        { cwd: root },
      );
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      problems.push(`Translated catalogues do not match English:\n${`${stdout}${stderr}`.trim()}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return problems;
}

/** The languages of Genesys Cloud's interface (app/shared/i18n/locales.ts) that have no catalogue. */
export async function missingLanguages(root: string): Promise<string[]> {
  const present = new Set(
    (await readdir(join(root, CATALOGUES))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)),
  );
  return GENESYS_UI_LANGUAGES.filter((tag) => !present.has(tag));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--extract')) await extractEnglish(process.cwd());
  const literals = await findLiteralsIn(process.cwd());
  const problems = [
    ...(await checkCatalogues(process.cwd())),
    ...(await missingLanguages(process.cwd())).map(
      (tag) => `${CATALOGUES}/${tag}.json is missing: Genesys Cloud offers its interface in "${tag}".`,
    ),
    ...literals.map(
      (l) => `${l.file}:${l.line}: "${l.text}" is written in code; put it in a catalogue message.`,
    ),
  ];
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length > 0) process.exit(1);
  process.stdout.write('Message catalogues are complete.\n');
}
