/**
 * Debian's redis-server on 127.0.0.1 as a child process (not daemonized, so we own the PID), without
 * persistence, for tests including faults (kill, pause, restart on the same port).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { cleanups, exited, installExitHook, REAPER, running } from './process-cleanup.ts';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** PID of the current process (changes on restart). */
  readonly pid: number;
  /** SIGTERM (SIGKILL after a grace period), wait for exit, remove the private dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash; resolves once the process is gone. The dir is kept for restart(). */
  kill(): Promise<void>;
  /** Starts a fresh, empty server on the same port (stopping the current one first if it still runs). */
  restart(): Promise<void>;
  /** SIGSTOP: connections are accepted by the kernel but never answered. */
  pause(): void;
  resume(): void;
}

const REDIS_SERVER = '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

/** True if a server on the port answers PING within the timeout. */
export function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'redis-'));
  const port = await freePort();
  const logFile = join(dir, 'redis.log');

  const reaper = spawn('sh', ['-c', REAPER, 'redis-reaper', dir], { stdio: ['pipe', 'ignore', 'ignore'] });
  const reaperInput = reaper.stdin as Writable & { unref?: () => void };
  reaper.unref();
  reaperInput.unref?.();
  reaperInput.on('error', () => {}); // the reaper is gone only if we killed it

  let child: ChildProcess | undefined;
  let stopped = false;

  const launch = async () => {
    const log = openSync(logFile, 'a');
    // redis-server sets SO_REUSEADDR, so a restart can bind the port again at once.
    const started = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        dir,
        '--logfile',
        '',
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    closeSync(log);
    started.unref();
    child = started;
    const pid = started.pid;
    if (pid !== undefined) {
      reaperInput.write(`${pid}\n`);
      started.once('exit', () => reaperInput.writable && reaperInput.write(`-${pid}\n`));
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await ping(port, 200))) {
      if (!running(started) || Date.now() > deadline) {
        if (running(started)) started.kill('SIGKILL');
        const output = await readFile(logFile, 'utf8').catch(() => '(no log)');
        throw new Error(
          `redis-server on port ${port} did not answer PING (exit ${started.exitCode ?? started.signalCode ?? 'none'})\n${output.trimEnd().split('\n').slice(-20).join('\n')}`,
        );
      }
      await sleep(25);
    }
  };

  const terminate = async () => {
    const current = child;
    if (!running(current)) return;
    current.kill('SIGCONT'); // a paused process would never act on SIGTERM
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), STOP_GRACE_MS);
    await exited(current);
    clearTimeout(timer);
  };

  const killNow = () => {
    if (running(child)) child.kill('SIGKILL');
    reaper.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(killNow);

  try {
    await launch();
  } catch (error) {
    cleanups.delete(killNow);
    killNow();
    throw error;
  }

  const current = () => {
    if (!child) throw new Error('redis not started');
    return child;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid ?? -1;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      cleanups.delete(killNow);
      await terminate();
      reaper.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
    kill: async () => {
      const victim = current();
      if (!running(victim)) return;
      victim.kill('SIGKILL');
      await exited(victim);
    },
    restart: async () => {
      if (stopped) throw new Error('redis is stopped');
      await terminate();
      await launch();
    },
    pause: () => void current().kill('SIGSTOP'),
    resume: () => void current().kill('SIGCONT'),
  };
}
