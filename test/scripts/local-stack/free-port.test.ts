import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  freePorts,
  listenLoopback,
  retryWhilePortTaken,
} from '../../../scripts/local-stack/free-port.ts';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Listens on `port` of loopback, as the proxy and the demo desktop do with the port they are given. */
function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}

describe('freePorts', () => {
  it('gives distinct ports that can be listened on', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) await listenOn(port);
  });
});

describe('retryWhilePortTaken', () => {
  it('starts again with a fresh port when the one it was given was taken meanwhile', async () => {
    const holder = createServer();
    servers.push(holder);
    const taken = Number(new URL(await listenLoopback(holder)).port);
    const tried: number[] = [];
    const server = await retryWhilePortTaken(async () => {
      const port = tried.length === 0 ? taken : await freePort();
      tried.push(port);
      return listenOn(port);
    });
    expect(tried).toHaveLength(2);
    expect(tried[0]).toBe(taken);
    expect(server.listening).toBe(true);
  });

  it('gives up after the attempts it was allowed, with the last error', async () => {
    const blocker = createServer();
    servers.push(blocker);
    const port = Number(new URL(await listenLoopback(blocker)).port);
    let calls = 0;
    await expect(
      retryWhilePortTaken(() => {
        calls++;
        return listenOn(port);
      }, 3),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(calls).toBe(3);
  });

  it('does not retry other failures', async () => {
    let calls = 0;
    await expect(
      retryWhilePortTaken(async () => {
        calls++;
        throw new Error('the sandbox could not read its data folder');
      }),
    ).rejects.toThrow('data folder');
    expect(calls).toBe(1);
  });
});
