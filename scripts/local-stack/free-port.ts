import { type AddressInfo, createServer, type Server } from 'node:net';

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a loopback listener'));
        return;
      }
      resolve({ server, port: address.port });
    });
  });
}

/**
 * Distinct TCP ports on 127.0.0.1 that were free a moment ago. All listeners are held open until every
 * port is known, so one call never returns the same port twice; another process could still take a port
 * before the caller binds it, which is acceptable in tests.
 */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const { server, port } = await listen();
      held.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** One free loopback TCP port (see {@link freePorts}). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  return port;
}

/**
 * Runs `start` again (up to `attempts` times) when it fails because a port it was given was taken in
 * the meantime: a port from {@link freePorts} is free only until someone binds it, and any listener
 * on port 0 in a parallel test file may be handed the same one (a CI run failed so on a browser test).
 * `start` must pick its ports afresh on every call and release what it started before it throws.
 */
export async function retryWhilePortTaken<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** Starts `server` listening on a free loopback port; resolves with its `http://127.0.0.1:<port>` URL. */
export function listenLoopback(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}
