// A converter worker in a process of its own, started as `npm run worker` starts one (proxy/worker.ts,
// its main() reading settings from the environment), here from the TypeScript source under tsx's
// loader so that the process is Node itself: a test can SIGKILL exactly the worker. Its log lines
// (pino JSON on stdout) are kept for the test to read.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { cleanups, exited, installExitHook, running } from '../../scripts/local-stack/process-cleanup.ts';

const ENTRY = join(import.meta.dirname, '..', '..', 'proxy', 'worker.ts');

export interface WorkerProcess {
  readonly pid: number;
  /** Parsed log lines so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first log line (already written or to come) that `match` accepts. */
  logged(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGKILL, as a crash or the OOM killer would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the worker finishes its jobs and exits. */
  stop(): Promise<void>;
}

export async function startWorkerProcess(settings: Record<string, string>): Promise<WorkerProcess> {
  installExitHook();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: join(import.meta.dirname, '..', '..'),
    // Nothing of the test's environment but PATH and HOME: the worker gets only what it is given.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killNow = () => {
    if (running(child)) child.kill('SIGKILL');
  };
  cleanups.add(killNow);
  child.once('exit', () => cleanups.delete(killNow));

  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ msg: part });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });

  const logged: WorkerProcess['logged'] = (match, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found) {
          done();
          resolve(found);
        } else if (!running(child)) {
          done();
          reject(new Error(`the worker exited: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such worker log line within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  await logged((line) => line.msg === 'converter worker consuming the conversion queue', 60_000);
  return {
    pid: child.pid ?? -1,
    lines,
    logged,
    kill: async () => {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
    },
    stop: async () => {
      const gone = exited(child);
      child.kill('SIGTERM');
      await gone;
    },
  };
}
