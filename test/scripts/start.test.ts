// `npm start` (scripts/start.ts) as a user runs it: with the test setup's Swift installed, the sample
// S3 buckets are served and every sample conversation's S3 files get a working link; without S3
// (`--no-s3`, as on a machine without Swift) the console and the widget's configuration say why
// those files cannot open and how to enable them.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/local-stack/free-port.ts';
import { swiftInstalled } from '../../scripts/local-stack/swift.ts';

const root = join(import.meta.dirname, '..', '..');
let widgetDir: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  widgetDir = await mkdtemp(join(tmpdir(), 'av-start-'));
  await writeFile(join(widgetDir, 'index.html'), '<!doctype html><title>widget</title>');
});
afterAll(async () => {
  for (const child of children) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
  await rm(widgetDir, { recursive: true, force: true });
});

/** Runs npm start's script until it is ready; resolves with its console and its proxy's URL. */
async function start(
  ...args: string[]
): Promise<{ output: string; proxyUrl: string; stop: () => Promise<void> }> {
  const [proxy, sandbox, desktop] = (await freePorts(3)) as [number, number, number];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build', ...args], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(proxy),
      SANDBOX_PORT: String(sandbox),
      DEMO_DESKTOP_PORT: String(desktop),
      WIDGET_DIR: widgetDir,
      AUDIT_LOG_DIR: join(widgetDir, `audit-${proxy}`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const deadline = Date.now() + 90_000;
  while (!output.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    output,
    proxyUrl: `http://127.0.0.1:${proxy}`,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      children.delete(child);
    },
  };
}

/** The console lines of one sample conversation's files. */
function linesOf(output: string, conversationSuffix: string): string[] {
  const block = output
    .split(/^Conversation /m)
    .find((b) => b.startsWith(`b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d${conversationSuffix}`));
  return (block ?? '')
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith('  '));
}

describe('npm start', () => {
  it('runs the tests’ Swift with the sample buckets, so the S3 conversation’s clean files get working links', async () => {
    // The test setup installs Swift (.ci/install-test-deps); npm start finds it the same way.
    expect(swiftInstalled()).toBe(true);
    const demo = await start();
    try {
      expect(demo.output).toMatch(
        /^S3 \(Swift\) +http:\/\/127\.0\.0\.1:\d+ +buckets av-clean, av-quarantine/m,
      );
      const s3 = linesOf(demo.output, '0e02');
      expect(s3.length).toBe(6);
      // The generated 58 MB scan is in the bucket too, behind a presigned link.
      expect(s3.find((l) => l.includes('claim-file-scanned.pdf'))).toMatch(/ s3 +http\S+X-Amz-Signature=/);
      const link = s3.find((l) => l.includes('damage-front.jpg'))?.match(/ s3 +(http\S+)/)?.[1];
      expect(link).toContain('X-Amz-Signature=');
      // The presigned link really serves the photo from Swift.
      const photo = await fetch(link ?? '');
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      await photo.body?.cancel();
      expect(s3.find((l) => l.includes('statement.pdf'))).toContain('refused: scan_pending');
      const config = (await (await fetch(`${demo.proxyUrl}/widget-config.json`)).json()) as object;
      expect(config).not.toHaveProperty('sandboxNotice');
    } finally {
      await demo.stop();
    }
  }, 120_000);

  it('says on the console and to the widget why S3 files cannot open without Swift, and how to enable them', async () => {
    const demo = await start('--no-s3');
    try {
      expect(demo.output).toMatch(/^S3 +not running: started with --no-s3/m);
      // The S3 conversation's files are only external links here.
      expect(linesOf(demo.output, '0e02').every((l) => / external +external$/.test(l))).toBe(true);
      const config = (await (await fetch(`${demo.proxyUrl}/widget-config.json`)).json()) as object;
      expect(config).toMatchObject({ sandboxNotice: 'no-s3' });
    } finally {
      await demo.stop();
    }
  }, 120_000);
});
