// Builds the proxy's Express app from a validated configuration. Never listens and never reads the
// environment: server.ts does both, tests drive this factory directly.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cors from 'cors';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AuditLog } from './audit/audit-log.ts';
import { ConversationAccess } from './auth/conversation-access.ts';
import { TokenVerifier } from './auth/token-verifier.ts';
import { connectRedis } from './cache/redis-connection.ts';
import { SharedFlight } from './cache/shared-flight.ts';
import { SingleFlight } from './cache/single-flight.ts';
import { TieredCache } from './cache/tiered-cache.ts';
import type { Config } from './config/config-schema.ts';
import { GenesysClient } from './genesys/genesys-client.ts';
import { apiRoutes } from './http/api-routes.ts';
import { authenticate } from './http/authenticate.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { healthRoutes, type Readiness, readiness } from './http/health-routes.ts';
import { ipRateLimit, userRateLimit } from './http/rate-limits.ts';
import { refRoute } from './http/ref-route.ts';
import { requestContext } from './http/request-context.ts';
import { apiHeaders, widgetHeaders } from './http/security-headers.ts';
import { widgetAssets } from './http/widget-assets.ts';
import { LinkService } from './links/link-service.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { configuredRenditions, type DetectedConverters } from './renditions/configured-renditions.ts';
import { configuredBackends } from './storage/configured-backends.ts';
import { genesysDownloadLinkOrigins } from './storage/genesys-download/download-link-origins.ts';
import { s3LinkOrigins } from './storage/s3/s3-link-origins.ts';

export interface AppDependencies {
  logger?: Logger;
  /** An existing Redis connection (tests); otherwise one is opened when configured. */
  redis?: Redis;
  /** Built widget to serve at `/` (defaults to dist/app when it exists). */
  widgetDir?: string;
  metrics?: Metrics;
  /**
   * `npm start` only, with the sandbox org: what of the demo cannot work here, for the widget to say
   * (`no-s3`: Swift is not installed, so the sample S3 buckets are not served).
   */
  sandboxNotice?: 'no-s3';
  /** The converters found at startup (startProxy detects them); without them no rendition is made. */
  converters?: DetectedConverters;
}

export interface ProxyApp {
  app: Express;
  audit: AuditLog;
  redis?: Redis;
  /** Outbound Genesys calls by endpoint name since start. */
  upstreamCalls: Map<string, number>;
  metrics: Metrics;
  /** Which dependencies answer, for the private metrics listener's /readyz. */
  readiness(): Promise<Readiness>;
  /** Settles when the app's folders are ready (the renditions folder); rejects when one cannot be used. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function createApp(config: Config, deps: AppDependencies = {}): ProxyApp {
  const log = deps.logger ?? createLogger(config.logLevel);
  const ownsRedis = !deps.redis && !!config.redis;
  const redis =
    deps.redis ?? (config.redis ? connectRedis(config.redis.url, config.redis.timeoutMs, log) : undefined);
  const metrics = deps.metrics ?? createMetrics();
  const onRedisError = (error: unknown) => {
    metrics.redisErrors.inc();
    log.debug({ err: { message: (error as Error)?.message } }, 'redis command failed');
  };

  const upstreamCalls = new Map<string, number>();
  const clients = new Map(
    config.genesys.regions.map((region) => [
      region.tld,
      new GenesysClient({
        region,
        apiBaseOverride: config.genesys.apiBaseOverride,
        timeoutMs: config.genesys.timeoutMs,
        onCall: (endpoint) => upstreamCalls.set(endpoint, (upstreamCalls.get(endpoint) ?? 0) + 1),
        onResult: (endpoint, outcome) => metrics.upstreamCalls.inc({ endpoint, outcome }),
        // A 401 on any call with the agent's token (a conversation read, a download URL) ends its
        // cached approval at once. (The verifier is built below; this runs only at request time.)
        onTokenRejected: (token) => verifier.forget(token, region),
      }),
    ]),
  );

  const audit = new AuditLog(config.audit.dir, config.audit.retentionDays, undefined, (error) => {
    metrics.auditWriteFailures.inc();
    log.error(
      { err: { message: (error as Error)?.message } },
      'audit write failed: links are refused until it recovers',
    );
  });
  // A lease of two deadlines: a replica that dies mid-read holds the others up no longer than that.
  const flights = new SharedFlight(redis, new SingleFlight(), { leaseMs: config.genesys.timeoutMs * 2 });
  const [firstKey] = config.signingKeys;
  if (!firstKey) throw new Error('no signing key configured');
  const verifier = new TokenVerifier({
    cache: new TieredCache('token', redis, 50_000, onRedisError),
    flights,
    hashKey: createHmac('sha256', firstKey.secret).update('attachment-viewer token-cache').digest(),
    ttlMs: config.cache.tokenTtlMs,
    negativeTtlMs: config.cache.tokenNegativeTtlMs,
    orgId: config.genesys.orgId,
    oauthClientId: config.genesys.oauthClientId,
  });
  const access = new ConversationAccess({
    rules: config.detection,
    cache: new TieredCache('conversation', redis, 5_000, onRedisError),
    flights,
    ttlMs: config.cache.conversationTtlMs,
  });

  const storage = configuredBackends(config, { audit });
  const converters = deps.converters ?? { versions: new Map(), isolateNetwork: false, notes: [] };
  for (const note of config.renditions ? converters.notes : []) log.warn(note);
  const renditions = configuredRenditions(config, converters, { audit, redis, log });
  const links = new LinkService({
    access,
    backends: storage.backends,
    audit,
    linkTtlSeconds: config.linkTtlSeconds,
    scanRequired: config.scan.required,
    downloads: config.viewer.downloads,
    renditionOf: renditions?.renditionOf,
    thumbnailOf: renditions?.thumbnailOf,
  });
  const ready = renditions?.init().catch((error: unknown) => {
    log.error({ err: { message: (error as Error)?.message } }, 'the renditions folder cannot be used');
    throw error;
  });
  ready?.catch(() => undefined);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  app.set('etag', false);
  app.use(requestContext(log, metrics));
  // The API first: it is the hot path, and nothing else shares its prefix.

  const corsOrigins = new Set(config.corsOrigins);
  const jsonHeaders = apiHeaders();
  app.use(
    '/api/v1',
    // Exact origins only, never reflected; apiHeaders sets Vary: Origin on every answer.
    jsonHeaders,
    cors({ origin: (origin, cb) => cb(null, origin !== undefined && corsOrigins.has(origin)), maxAge: 600 }),
    express.json({ limit: '8kb', strict: true }),
    apiRoutes({
      links,
      renditions: renditions?.service(links),
      rules: config.detection,
      linkTtlSeconds: config.linkTtlSeconds,
      authenticate: authenticate({
        regions: config.genesys.regions,
        clients,
        verifier,
        audit,
        upstreamLimit: ipRateLimit(config.rateLimit.perIpPerMinute, redis),
        // What a request grants decides how old a token check it may rest on: a link (a file) the
        // least, a listing (names, sizes, verdicts) more, a session (one's own name) the cache's TTL.
        maxCheckAgeMs: (req) =>
          req.method === 'POST' && req.path === '/links'
            ? config.cache.tokenMintMaxAgeMs
            : req.method === 'GET' && /^\/conversations\/[^/]+\/attachments$/.test(req.path)
              ? config.cache.tokenListMaxAgeMs
              : undefined,
      }),
      userRateLimit: userRateLimit(config.rateLimit.perUserPerMinute, redis),
    }),
  );

  app.use(healthRoutes({ backends: storage.backends, redis, headers: jsonHeaders }));
  // File bytes carry their own headers (storage/file-headers.ts); only API answers get the API's.
  app.use(storage.routes);
  if (renditions?.routes) app.use(renditions.routes);

  const widgetDir = resolve(deps.widgetDir ?? config.widgetDir);
  if (existsSync(join(widgetDir, 'index.html'))) {
    // Stable links clicked anywhere: to the widget's page in ref mode (proxy/http/ref-route.ts).
    app.get('/ref/*key', refRoute({ regions: config.genesys.regions }));
    const genesysOrigins = config.genesys.apiBaseOverride
      ? [config.genesys.apiBaseOverride, config.genesys.apiBaseOverride.replace(/^http/, 'ws')]
      : // The Platform API, the login service, and the Notifications API's WebSocket.
        config.genesys.regions.flatMap((r) => [
          `https://api.${r.tld}`,
          `https://login.${r.tld}`,
          `wss://streaming.${r.tld}`,
        ]);
    // Where links may point besides our own origin: S3 (attachments and renditions), and Genesys's
    // signed URLs in direct mode.
    const storageOrigins = [
      ...new Set([
        ...(config.s3 ? s3LinkOrigins(config.s3) : []),
        ...(renditions?.linkOrigins ?? []),
        ...genesysDownloadLinkOrigins(config.genesys),
      ]),
    ];
    const widgetConfig = {
      oauthClientId: config.genesys.oauthClientId ?? '',
      proxyBase: '',
      pdfPrint: config.viewer.pdfPrint,
      downloads: config.viewer.downloads,
      ...(config.genesys.apiBaseOverride ? { sandboxApiBase: config.genesys.apiBaseOverride } : {}),
      ...(config.genesys.apiBaseOverride && deps.sandboxNotice ? { sandboxNotice: deps.sandboxNotice } : {}),
    };
    app.get('/widget-config.json', jsonHeaders, (_req, res) => {
      res.json(widgetConfig);
    });
    app.use(
      widgetHeaders({ frameAncestors: config.frameAncestors, storageOrigins, genesysOrigins }),
      ...widgetAssets(widgetDir, widgetConfig, { sourceMaps: config.widgetSourceMaps }),
    );
  }

  app.use(jsonHeaders, notFound);
  app.use(errorHandler(log));

  return {
    app,
    audit,
    redis,
    upstreamCalls,
    metrics,
    readiness: () => readiness({ backends: storage.backends, redis }),
    ready: ready ?? Promise.resolve(),
    async close() {
      await renditions?.close();
      await audit.close();
      if (ownsRedis) await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
