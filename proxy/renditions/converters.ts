// The programs that derive renditions, how each is called, and which of them this machine has.
// Each job runs in its own folder: in/ holds the original, out/ receives the rendition, and
// LibreOffice gets a fresh profile there (nothing carried from one job to the next).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ConverterName, type JobPlan, THUMBNAIL_SIZE } from '../../core/renditions.ts';

const run = promisify(execFile);

export interface ConverterJob {
  command: string;
  args: string[];
  /** Where the converter writes the rendition. */
  output: string;
  /** For a part: where the worker writes its facts (name, declared type). */
  facts?: string;
}

/** The document worker's exit code when it refuses a part; its last line of stderr says why. */
export const PART_REFUSED_EXIT = 3;

/** The original's name in the job folder: converters read the format from the bytes, LibreOffice also from the extension. */
const INPUT_EXTENSION: Record<JobPlan['source'], string> = {
  word: 'doc',
  spreadsheet: 'xls',
  presentation: 'ppt',
  heic: 'heic',
  tiff: 'tif',
  email: 'eml',
  outlook: 'msg',
  zip: 'zip',
  pdf: 'pdf',
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
};

// ImageMagick is told the picture's format (from its sniffed type) instead of guessing it from the
// bytes: a file that is not that format fails, and none of ImageMagick's other coders (PostScript,
// SVG, MSL, text, URLs) can be reached through it. Its own limits come before prlimit's.
const IMAGE_CODER: Partial<Record<JobPlan['source'], string>> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
};
const IMAGE_LIMITS = [
  ['memory', '256MiB'],
  ['map', '512MiB'],
  ['disk', '1GiB'],
  ['width', '16KP'],
  ['height', '16KP'],
  ['area', '128MP'],
  ['thread', '1'],
].flatMap(([name, value]) => ['-limit', name as string, value as string]);

// Spreadsheets: each sheet on one page as large as its used area, print ranges ignored, so no
// column is cut off and the PDF viewer's zoom makes it readable (docs/renditions.md).
const CALC_PDF = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';

// A fresh profile that never runs macros and never fetches linked content (the job has no network
// anyway). LibreOffice reads registrymodifications.xcu from the profile it is given.
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
`;

/** Lays out a job folder for `plan` and returns the input path to write the original to. */
export async function prepareJob(jobDir: string, plan: JobPlan): Promise<string> {
  await mkdir(join(jobDir, 'in'));
  await mkdir(join(jobDir, 'out'));
  if (plan.converter === 'office') {
    await mkdir(join(jobDir, 'profile', 'user'), { recursive: true });
    await writeFile(join(jobDir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
  }
  return join(jobDir, 'in', `original.${INPUT_EXTENSION[plan.source]}`);
}

/**
 * What a job leaves outside its folder, to remove with it. LibreOffice listens for a second instance
 * on a socket in /tmp (or /var/tmp) whatever TMPDIR says, named from its profile's URL: `OSL_PIPE_<uid>_
 * SingleOfficeIPC_<MD5 of the URL as UTF-16LE, each byte in hex without padding>`, and only removes
 * it when it exits normally. A converter killed at its limits (a zip bomb, a hang) left one per job.
 * The uid is 0 inside the converter's user namespace, the proxy's own without it: both are named.
 */
export function jobLeftovers(jobDir: string, plan: JobPlan): string[] {
  if (plan.converter !== 'office') return [];
  const uids = new Set([0, process.getuid?.() ?? 0]);
  return ['/tmp', '/var/tmp'].flatMap((dir) =>
    [...uids].map((uid) => officeSocket(join(jobDir, 'profile'), uid, dir)),
  );
}

/** Where LibreOffice running with the profile folder `profileDir` as user `uid` listens (see jobLeftovers). */
export function officeSocket(profileDir: string, uid: number, dir = '/tmp'): string {
  const digest = createHash('md5')
    .update(Buffer.from(`file://${profileDir}`, 'utf16le'))
    .digest();
  const hash = Array.from(digest, (byte) => byte.toString(16)).join('');
  return join(dir, `OSL_PIPE_${uid}_SingleOfficeIPC_${hash}`);
}

/**
 * The command that converts `input` (written by prepareJob) for `plan`. A part is extracted to
 * `out/part.bin`, at most `maxPartBytes` inflated, with its facts in `out/part.json`.
 */
export function converterJob(
  jobDir: string,
  input: string,
  plan: JobPlan,
  { maxPartBytes }: { maxPartBytes: number } = { maxPartBytes: 0 },
): ConverterJob {
  const out = join(jobDir, 'out');
  if (plan.name === 'part')
    return {
      command: process.execPath,
      args: [
        ...DOCUMENT_NODE_FLAGS,
        DOCUMENT_WORKER,
        'part',
        plan.source,
        input,
        join(out, 'part.bin'),
        JSON.stringify(plan.part),
        String(maxPartBytes),
      ],
      output: join(out, 'part.bin'),
      facts: join(out, 'part.json'),
    };
  switch (plan.converter) {
    case 'office':
      return {
        command: 'soffice',
        args: [
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--nodefault',
          `-env:UserInstallation=file://${join(jobDir, 'profile')}`,
          '--convert-to',
          plan.source === 'spreadsheet' ? CALC_PDF : 'pdf',
          '--outdir',
          out,
          input,
        ],
        output: join(out, 'original.pdf'),
      };
    case 'heif':
      // libheif applies the image's rotation and mirroring (irot/imir) while decoding.
      return {
        command: 'heif-convert',
        args: ['--quiet', '-q', '85', input, join(out, 'original.jpg')],
        output: join(out, 'original.jpg'),
      };
    case 'tiff':
      // Every page of a multi-page fax or scan, each as its own PDF page.
      return {
        command: 'tiff2pdf',
        args: ['-o', join(out, 'original.pdf'), input],
        output: join(out, 'original.pdf'),
      };
    case 'pdfpage':
      // The first page only, its longer side THUMBNAIL_SIZE pixels. pdftoppm writes no metadata.
      return {
        command: 'pdftoppm',
        args: [
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          '-scale-to',
          String(THUMBNAIL_SIZE),
          '-jpeg',
          '-jpegopt',
          'quality=80',
          input,
          join(out, 'thumbnail'),
        ],
        output: join(out, 'thumbnail.jpg'),
      };
    case 'image': {
      const coder = IMAGE_CODER[plan.source];
      if (!coder) throw new Error(`no picture format for ${plan.source}`);
      return {
        command: 'convert',
        args: [
          ...IMAGE_LIMITS,
          // libjpeg decodes a large photo at a fraction of its size straight away (a 12 MP photo is
          // never decoded whole to make a 160 px thumbnail).
          '-define',
          `jpeg:size=${THUMBNAIL_SIZE * 2}x${THUMBNAIL_SIZE * 2}`,
          // The first frame of an animated GIF or WebP.
          `${coder}:${input}[0]`,
          '-auto-orient',
          '-thumbnail',
          `${THUMBNAIL_SIZE}x${THUMBNAIL_SIZE}>`,
          // Transparent parts on white, as the list's background: JPEG has no transparency.
          '-background',
          'white',
          '-alpha',
          'remove',
          '-strip',
          '-quality',
          '80',
          `jpeg:${join(out, 'thumbnail.jpg')}`,
        ],
        output: join(out, 'thumbnail.jpg'),
      };
    }
    case 'document':
      return {
        command: process.execPath,
        args: [...DOCUMENT_NODE_FLAGS, DOCUMENT_WORKER, plan.source, input, join(out, 'original.json')],
        output: join(out, 'original.json'),
      };
  }
}

// The worker beside this file: its TypeScript source under tsx (`npm start`, tests), its compiled
// JavaScript in a build. Node runs TypeScript itself from 23.6 (type stripping); 22 needs the flag.
const DOCUMENT_WORKER = fileURLToPath(
  new URL(`./workers/document-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);
const TYPESCRIPT_FLAGS =
  Number(process.versions.node.split('.')[0]) >= 24 ? [] : ['--experimental-strip-types'];
const DOCUMENT_NODE_FLAGS = [
  // A heap well inside the job's address-space limit: a hostile file ends in a clean out-of-memory.
  '--max-old-space-size=384',
  ...(DOCUMENT_WORKER.endsWith('.ts') ? TYPESCRIPT_FLAGS : []),
];
const DOCUMENT_LIBRARIES = ['postal-mime', '@kenjiuno/msgreader', 'yauzl', 'sanitize-html']
  .map((name) => `${name}@${libraryVersion(name)}`)
  .join(' ');

function libraryVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Each converter's program and the command that prints its version (the version is part of every cache key). */
const PROBES: Record<
  ConverterName,
  { command: string; args: string[]; version: (out: string) => string | undefined }
> = {
  office: { command: 'soffice', args: ['--version'], version: (out) => out.trim().split('\n')[0] ?? '' },
  heif: {
    command: 'heif-convert',
    args: ['--help'],
    version: (out) => /libheif version: (\S+)/.exec(out)?.[1] ?? '',
  },
  tiff: { command: 'tiffinfo', args: [], version: (out) => /LIBTIFF, Version (\S+)/.exec(out)?.[1] ?? '' },
  pdfpage: {
    command: 'pdftoppm',
    args: ['-v'],
    version: (out) => /pdftoppm version (\S+)/.exec(out)?.[1] ?? '',
  },
  image: {
    command: 'convert',
    args: ['-version'],
    // Undefined (not installed) unless ImageMagick itself answers: a `convert` that is not ImageMagick
    // (a stand-in, or GraphicsMagick's link) is not used.
    version: (out) => /Version: ImageMagick (\S+)/.exec(out)?.[1],
  },
  // The document worker is this project's code on this Node: its libraries' versions name it.
  document: {
    command: process.execPath,
    args: ['-p', 'process.version'],
    version: (out) => `${out.trim()} ${DOCUMENT_LIBRARIES}`,
  },
};

/** The converters this machine has, with their versions; a missing one is absent (not an error). */
export async function probeConverters(): Promise<Map<ConverterName, string>> {
  const found = new Map<ConverterName, string>();
  await Promise.all(
    (Object.keys(PROBES) as ConverterName[]).map(async (name) => {
      const probe = PROBES[name];
      const output = await run(probe.command, probe.args, { timeout: 20_000 })
        .then(({ stdout, stderr }) => `${stdout}\n${stderr}`)
        // tiffinfo without a file exits 255 after printing its usage and version.
        .catch((error: { code?: unknown; stdout?: string; stderr?: string }) =>
          error.code === 'ENOENT' ? undefined : `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
        );
      if (output === undefined) return;
      const version = probe.version(output);
      if (version === undefined) return;
      found.set(name, `${probe.command} ${version || 'unknown'}`);
    }),
  );
  return found;
}

/** Whether this machine can give a converter a network namespace of its own (unprivileged user namespaces). */
export async function canIsolateNetwork(): Promise<boolean> {
  return run('unshare', ['-rn', '--', 'true'], { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
}
