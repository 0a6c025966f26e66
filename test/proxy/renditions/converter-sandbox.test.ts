// The limits every converter runs under, each shown to hold against a process that breaks it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandboxed, type SandboxLimits } from '../../../proxy/renditions/converter-sandbox.ts';
import { waitFor } from '../../../scripts/local-stack/widget-stack.ts';

const limits: SandboxLimits = {
  timeoutMs: 10_000,
  memoryBytes: 512 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
};
let jobDir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  jobDir = await mkdtemp(join(tmpdir(), 'sandbox-'));
  server = createServer((socket) => socket.end('hello\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.close();
  await rm(jobDir, { recursive: true, force: true });
});

// Connects to the test's server on loopback and prints what it answers, or the error's name.
const connect = (p: number) => [
  '-c',
  `import socket, sys
try:
    print(socket.create_connection(("127.0.0.1", ${p}), timeout=3).recv(16).decode())
except OSError as e:
    print(type(e).__name__, e.errno); sys.exit(3)`,
];

describe('a converter process', () => {
  it('reaches nothing over the network, not even the proxy on loopback', async () => {
    const open = await runSandboxed('python3', connect(port), { jobDir, limits, isolateNetwork: false });
    expect(open.output).toContain('hello');
    const isolated = await runSandboxed('python3', connect(port), {
      jobDir,
      limits,
      isolateNetwork: true,
    });
    expect(isolated.exitCode).toBe(3);
    // errno 101: the network is unreachable (a new namespace has no interface up).
    expect(isolated.output).toMatch(/OSError 101|Error 111|Error 99/);
    expect(isolated.output).not.toContain('hello');
  });

  it('cannot take more memory than its limit', async () => {
    const result = await runSandboxed(
      'python3',
      ['-c', 'x = bytearray(900 * 1024 * 1024); print("allocated")'],
      {
        jobDir,
        limits,
        isolateNetwork: true,
      },
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('MemoryError');
  });

  it('cannot write a file larger than its limit', async () => {
    const result = await runSandboxed('sh', ['-c', `head -c ${4 * 1024 * 1024} /dev/zero > big`], {
      jobDir,
      limits,
      isolateNetwork: true,
    });
    expect(result.exitCode).not.toBe(0);
  });

  it('is killed with everything it started when its time is up', async () => {
    const marker = `sandbox-marker-${process.pid}`;
    const started = Date.now();
    const result = await runSandboxed('sh', ['-c', `sleep 60 & sleep 61; echo ${marker}`], {
      jobDir,
      limits: { ...limits, timeoutMs: 500 },
      isolateNetwork: true,
    });
    expect(result.timedOut).toBe(true);
    // Long before the sleeps would have ended on their own (a loaded machine may take seconds).
    expect(Date.now() - started).toBeLessThan(30_000);
    // Gone within moments (a killed process may still be listed while the kernel tears it down),
    // where left alone the sleeps would run for a minute.
    await waitFor(
      async () => (/^sleep 6[01]$/m.test(execFileSync('ps', ['-eo', 'args']).toString()) ? undefined : true),
      'the sleeps to be gone',
      3_000,
    );
  });

  it('runs at nice 19 in a session whose autogroup is at nice 19: the proxy is served first', async () => {
    const result = await runSandboxed('sh', ['-c', 'nice; cat /proc/self/autogroup'], {
      jobDir,
      limits,
      isolateNetwork: true,
    });
    expect(result.output).toMatch(/^19$/m);
    expect(result.output).toMatch(/nice 19/);
  });

  it('sees only its job folder in its environment', async () => {
    const result = await runSandboxed('sh', ['-c', 'env'], { jobDir, limits, isolateNetwork: true });
    const names = result.output
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0])
      .sort();
    expect(names).toEqual(expect.arrayContaining(['HOME', 'PATH', 'TMPDIR']));
    expect(result.output).not.toMatch(/SIGNING|SECRET|TOKEN|S3_/);
    expect(result.output).toContain(`HOME=${jobDir}`);
  });
});
