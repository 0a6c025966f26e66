// A server for the benchmark, in its own process so it never shares an event loop with the load
// generator: `hello` (a bare Express JSON route, the baseline), `hello-born` (the same on a server
// with the proxy's expressServerOptions) or `proxy` (the real proxy, config from BENCH_SETTINGS as
// JSON). Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import express from 'express';
import { parseConfig } from '../../proxy/config/config-schema.ts';
import { expressServerOptions } from '../../proxy/http/express-server-options.ts';
import { createLogger } from '../../proxy/logger.ts';
import { startProxy } from '../../proxy/server.ts';

async function main(): Promise<void> {
  // Exit normally on a signal, so --cpu-prof and friends can write their output.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
  const mode = process.argv[2];
  if (mode === 'hello' || mode === 'hello-born') {
    const app = express();
    app.get('/hello', (_req, res) => {
      res.json({ hello: 'world' });
    });
    // hello-born: the same app on a server built the way the proxy builds its own.
    const server = (
      mode === 'hello' ? createServer(app) : createServer(expressServerOptions(app), app)
    ).listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
    });
    return;
  }
  if (mode === 'proxy') {
    // A port known before start, not PORT=0: the links the proxy mints name it (PUBLIC_URL).
    const config = parseConfig({
      ...JSON.parse(process.env.BENCH_SETTINGS ?? '{}'),
      PORT: String(await loopbackPortFreeNow()),
      LOG_LEVEL: 'silent',
    });
    const running = await startProxy(config, { logger: createLogger('silent') });
    process.stdout.write(`listening ${new URL(running.url).port}\n`);
    return;
  }
  throw new Error('usage: bench-server.ts hello|hello-born|proxy');
}

/** A loopback port that was free a moment ago (another process could take it first: fine for a bench). */
function loopbackPortFreeNow(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

void main();
