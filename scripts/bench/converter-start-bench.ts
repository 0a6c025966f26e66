// Fresh converter per job, or a warm one (issue 11: "measure both and choose"). The product starts
// LibreOffice afresh for every job with a new profile, so nothing one customer's document leaves in
// the process or the profile reaches the next. This measures what that costs: the same 10-page Word
// file converted by a fresh process with a fresh profile (the product's way), by a fresh process
// reusing a profile, and by an instance already running (the request handed over its socket: the
// work a warm worker would do). Run on the host directly, without the sandbox's limits, so the three
// differ only in what is warm.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { officeSocket } from '../../proxy/renditions/converters.ts';
import { type Figure, median, round } from './figure.ts';

const run = promisify(execFile);
const ROUNDS = 3;
const OPTIONS = ['--headless', '--norestore', '--nolockcheck', '--nodefault'];

export async function converterStartBench(document: string, log: (line: string) => void): Promise<Figure[]> {
  log('Renditions: LibreOffice fresh for each job, with a reused profile, and warm…');
  const dir = await mkdtemp(join(tmpdir(), 'av-bench-office-'));
  const uid = process.getuid?.() ?? 0;
  const convert = async (profile: string) => {
    const out = join(dir, 'out');
    await rm(out, { recursive: true, force: true });
    const started = performance.now();
    await run('soffice', [
      ...OPTIONS,
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      document,
    ]);
    const ms = performance.now() - started;
    await access(join(out, 'ten-page-report.pdf'));
    return ms;
  };
  try {
    const fresh: number[] = [];
    const reused: number[] = [];
    const warm: number[] = [];
    const kept = join(dir, 'kept-profile');
    await convert(kept);
    for (let i = 0; i < ROUNDS; i++) {
      const profile = join(dir, `fresh-${i}`);
      fresh.push(await convert(profile));
      await rm(officeSocket(profile, uid), { force: true });
      reused.push(await convert(kept));
      // A running instance takes a second process's request over its socket (and then exits).
      const listening = join(dir, `warm-${i}`);
      await mkdir(listening);
      const instance = spawn('soffice', [...OPTIONS, `-env:UserInstallation=file://${listening}`], {
        stdio: 'ignore',
        detached: true,
      });
      try {
        await ready(officeSocket(listening, uid), instance);
        warm.push(await convert(listening));
      } finally {
        if (instance.pid) process.kill(-instance.pid, 'SIGKILL');
        await rm(officeSocket(listening, uid), { force: true });
      }
    }
    const freshMs = median(fresh);
    return [
      {
        name: 'LibreOffice per job: fresh process and profile (the product)',
        value: round(freshMs),
        unit: 'ms',
        target: 'baseline',
      },
      {
        name: 'fresh process, reused profile',
        value: round(median(reused)),
        unit: 'ms',
        baseline: round(freshMs),
      },
      {
        name: 'running instance, first document (a warm worker)',
        value: round(median(warm)),
        unit: 'ms',
        baseline: round(freshMs),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Waits until LibreOffice listens on `socket` (its start-up done), or fails after 30 s. */
async function ready(socket: string, instance: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (instance.exitCode !== null) throw new Error('the warm LibreOffice exited before it listened');
    if (
      await access(socket).then(
        () => true,
        () => false,
      )
    )
      return sleep(500);
    await sleep(50);
  }
  throw new Error('the warm LibreOffice did not start within 30 s');
}
