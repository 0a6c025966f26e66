// The proxy's standalone entry: read and validate configuration, build the app, listen, and shut
// down gracefully on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type Config, parseConfig } from './config/config-schema.ts';
import { configOrExit } from './config/read-settings.ts';
import { type AppDependencies, createApp, type ProxyApp } from './create-app.ts';
import { expressServerOptions } from './http/express-server-options.ts';
import { readinessBody } from './http/health-routes.ts';
import { createLogger } from './logger.ts';
import { detectConverters } from './renditions/configured-renditions.ts';
import { stopOnSignals } from './stop-on-signals.ts';

export interface RunningProxy {
  server: Server;
  proxy: ProxyApp;
  url: string;
  close(): Promise<void>;
}

/** Node server timeouts; the defaults suit production, tests lower them to see a 408 quickly. */
export interface ServerTimeouts {
  /** Time a client has to send all request headers (slowloris). Default 10 s. */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request. Default 30 s. */
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

/** Listens with Node's timeouts lowered (docs/security.md rule 11): slow clients cannot hold sockets. */
export async function startProxy(
  config: Config,
  deps: AppDependencies = {},
  timeouts: ServerTimeouts = {},
): Promise<RunningProxy> {
  // Queued conversions run on the workers: a proxy then needs no converter of its own.
  const converters =
    deps.converters ??
    (config.renditions?.converters.kind === 'local' ? await detectConverters(config.renditions) : undefined);
  const proxy = createApp(config, { ...deps, converters });
  await proxy.ready;
  const headersTimeout = timeouts.headersTimeoutMs ?? 10_000;
  // Node enforces headersTimeout/requestTimeout only when it sweeps its connections, every
  // connectionsCheckingInterval (default 30 s): with the default a 10 s headersTimeout answered a
  // slowloris client after up to 40 s. Sweep every second (or faster for a shorter timeout).
  const serverOptions = {
    ...expressServerOptions(proxy.app),
    connectionsCheckingInterval: Math.min(1_000, Math.max(100, headersTimeout / 2)),
  };
  const server = config.tls
    ? createHttpsServer(
        { ...serverOptions, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        proxy.app,
      )
    : createHttpServer(serverOptions, proxy.app);
  server.headersTimeout = headersTimeout;
  server.requestTimeout = timeouts.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs ?? 5_000;
  let metricsServer: Server | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    metricsServer = config.metrics ? await listenMetrics(proxy, config.metrics) : undefined;
  } catch (error) {
    // A taken port is reported to the caller; the app's timers, pools and connections must not outlive it.
    server.close();
    await proxy.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  return {
    server,
    proxy,
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      metricsServer?.close();
      await proxy.close();
    },
  };
}

/** Prometheus text on its own listener (loopback by default): operators scrape it, the internet never sees it. */
async function listenMetrics(proxy: ProxyApp, where: { host: string; port: number }): Promise<Server> {
  const server = createHttpServer((req, res) => {
    if (req.method === 'GET' && req.url === '/readyz') {
      // Which dependency is down, for operators and the doctor; the public /readyz says only whether.
      proxy.readiness().then(
        (r) =>
          res
            .writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
            .end(JSON.stringify(readinessBody(r, true))),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    proxy.metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': proxy.metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  return server;
}

async function main(): Promise<void> {
  const config = configOrExit(parseConfig);
  const log = createLogger(config.logLevel);
  const running = await startProxy(config, { logger: log });
  log.info(
    {
      listening: running.url,
      publicUrl: config.publicUrl,
      regions: config.genesys.regions.map((r) => r.tld),
    },
    'proxy listening',
  );

  // In-flight requests get 10 s to finish; then the process goes anyway.
  stopOnSignals(log, () => running.close(), 10_000, 'shutting down');
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
