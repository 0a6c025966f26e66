/**
 * The whole product on loopback for integration tests, benchmarks and browser tests: the sandbox
 * Genesys org with the sample data, optionally a real Swift (S3 with SigV4) holding the sample
 * buckets and a real Redis, and the proxy configured against them. Every proxy started here logs
 * into one captured stream and audits into its own folder, so a test can read both, and the stack
 * remembers every token and link signature it has seen so a test can prove none reached a log.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Config, parseConfig } from '../../proxy/config/config-schema.ts';
import type { SigningKey } from '../../proxy/config/setting-values.ts';
import { createLogger } from '../../proxy/logger.ts';
import { type RunningProxy, type ServerTimeouts, startProxy } from '../../proxy/server.ts';
import type { SandboxControl } from '../../sandbox/control/sandbox-control.ts';
import {
  conversationIds,
  orgId,
  sampleOrgDir,
  sampleProxySettings,
  sandboxTokens,
  userIds,
} from '../../sandbox/sample-data/manifest.ts';
import { cleanBucket, quarantineBucket } from '../../sandbox/sample-data/reference-urls.ts';
import { generatedSampleBytes } from '../../sandbox/sample-data/sample-files.ts';
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from '../../sandbox/start-sandbox.ts';
import { freePort, retryWhilePortTaken } from './free-port.ts';
import { type RedisServer, startRedis } from './redis.ts';
import { createBucket, putObject, type SwiftServer, startSwift } from './swift.ts';

export { conversationIds, orgId, sandboxTokens, userIds };

/** The signing keys every proxy of a stack uses unless overridden: fixed for the run, known to tests. */
export interface StackSigningKey extends SigningKey {
  /** `<id>:<base64url secret>`, as LINK_SIGNING_KEYS takes it. */
  setting: string;
}

export interface StackOptions {
  /** Start Swift, create `av-clean` and `av-quarantine` and upload the sample objects. */
  swift?: boolean;
  /** Start Redis and point the proxy at it. */
  redis?: boolean;
  /** Settings (env-style names) that replace the stack's; `undefined` removes one. */
  proxyOverrides?: Record<string, string | undefined>;
  /** Exact origins allowed by CORS on the proxy API, on Swift objects and on the sandbox's file URLs. */
  corsOrigins?: string[];
  /** Sandbox options besides the data folder (extra redirect URIs, token lifetimes, ...). */
  sandbox?: Omit<StartSandboxOptions, 'dataDir'>;
  /** Node server timeouts of the proxy (a low headersTimeout for slowloris tests). */
  serverTimeouts?: ServerTimeouts;
  /** Built widget to serve at `/`. */
  widgetDir?: string;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  method?: string;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface StackResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON); tests read it as the wire types say. */
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answer's fields directly
  json: any;
}

export interface StackProxy {
  url: string;
  config: Config;
  running: RunningProxy;
  auditDir: string;
  /** A request to this proxy (see Stack.request). */
  request(path: string, options?: RequestOptions): Promise<StackResponse>;
  stop(): Promise<void>;
}

export interface Stack {
  /** The main proxy. */
  proxyUrl: string;
  proxy: StackProxy;
  sandboxUrl: string;
  sandbox: RunningSandbox;
  /** Faults, call counts, tokens of the sandbox org. */
  control: SandboxControl;
  swift?: SwiftServer;
  redis?: RedisServer;
  tokens: typeof sandboxTokens;
  orgId: string;
  signingKey: StackSigningKey;
  /** The settings the main proxy was configured with. */
  settings: Record<string, string>;
  /** Captured pino lines of every proxy of this stack, in order. */
  logLines: string[];
  /** GET/POST to the main proxy; paths are relative to it, or absolute URLs (minted links). */
  request(path: string, options?: RequestOptions): Promise<StackResponse>;
  /** Another proxy against the same sandbox, storage and Redis, with some settings changed. */
  startProxy(overrides?: Record<string, string | undefined>, timeouts?: ServerTimeouts): Promise<StackProxy>;
  /** Every audit line written so far by every proxy of this stack, parsed. */
  auditRecords(): Promise<Record<string, unknown>[]>;
  /** Tokens and link signatures this stack has seen, so that tests can look for them in logs. */
  rememberSecret(secret: string): void;
  /** The tokens and signatures remembered so far. */
  knownSecrets(): string[];
  /** Secrets found in the captured logs or the audit files (an empty list is the only good answer). */
  leakedSecrets(): Promise<string[]>;
  stop(): Promise<void>;
}

/** The stack's Swift, in a file whose stack starts it. */
export function requireSwift(stack: Pick<Stack, 'swift'>): SwiftServer {
  if (!stack.swift) throw new Error('this file starts Swift');
  return stack.swift;
}

/** The stack's Redis, in a file whose stack starts it. */
export function requireRedis(stack: Pick<Stack, 'redis'>): RedisServer {
  if (!stack.redis) throw new Error('this file starts Redis');
  return stack.redis;
}

/** What sends requests to a proxy: a stack (its main proxy) or one of its proxies. */
export type ProxyClient = Pick<StackProxy, 'request'>;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const root = await mkdtemp(join(tmpdir(), 'av-stack-'));
  const secret = randomBytes(32);
  const signingKey: StackSigningKey = {
    id: 'k1',
    secret,
    setting: `k1:${secret.toString('base64url')}`,
  };
  const logLines: string[] = [];
  const secrets = new Set<string>(Object.values(sandboxTokens));
  const proxies: StackProxy[] = [];
  let sandbox: RunningSandbox | undefined;
  let swift: SwiftServer | undefined;
  let redis: RedisServer | undefined;

  const rememberSecret = (value: string) => {
    // Very short values ("a" in `Bearer a b`) would match anything; they are not secrets.
    if (value.length >= 8) secrets.add(value);
  };
  const rememberLinkSecrets = (url: string) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed) return;
    for (const name of ['X-Amz-Signature', 'X-Amz-Security-Token', 'sig', 'signature']) {
      const value = parsed.searchParams.get(name);
      if (value) rememberSecret(value);
    }
    // Only what has the shape of a sealed ticket (`<key id>.<base64url>`), not every hostile path.
    const ticket = /^\/relay\/([A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{40,})$/.exec(parsed.pathname)?.[1];
    if (ticket) rememberSecret(ticket);
  };

  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line !== '') logLines.push(line);
      callback();
    },
  });

  const stopAll = async () => {
    await Promise.allSettled(proxies.map((p) => p.stop()));
    await Promise.allSettled([sandbox?.close(), swift?.stop(), redis?.stop()]);
    await rm(root, { recursive: true, force: true });
  };

  try {
    [sandbox, swift, redis] = await Promise.all([
      startSandbox({
        ...(options.corsOrigins ? { fileCors: options.corsOrigins } : {}),
        ...options.sandbox,
        dataDir: sampleOrgDir,
      }),
      options.swift ? startSwiftWithSamples(options.corsOrigins) : undefined,
      options.redis ? startRedis() : undefined,
    ]);

    const base: Record<string, string> = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      ...sampleProxySettings(sandbox.url),
      LINK_SIGNING_KEYS: signingKey.setting,
      LOG_LEVEL: 'debug',
      // Tests send hundreds of requests as one user within a minute; limits have their own tests.
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      ...(options.corsOrigins ? { CORS_ORIGINS: options.corsOrigins.join(',') } : {}),
      ...(swift ? swiftS3Settings(swift) : {}),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    const settings = withOverrides(base, options.proxyOverrides);

    const launch = async (
      proxySettings: Record<string, string>,
      timeouts: ServerTimeouts | undefined,
    ): Promise<StackProxy> => {
      const auditDir = await mkdtemp(join(root, 'audit-'));
      const listen = async (port: string) => {
        const config = parseConfig({ AUDIT_LOG_DIR: auditDir, ...proxySettings, PORT: port });
        const running = await startProxy(
          config,
          {
            logger: createLogger(config.logLevel, logStream),
            ...(options.widgetDir
              ? { widgetDir: options.widgetDir }
              : { widgetDir: join(root, 'no-widget') }),
          },
          { ...options.serverTimeouts, ...timeouts },
        );
        return { config, running };
      };
      // A port of our choosing may be taken before the proxy binds it; a port the caller fixed may not be changed.
      const { config, running } =
        proxySettings.PORT === undefined
          ? await retryWhilePortTaken(async () => listen(String(await freePort())))
          : await listen(proxySettings.PORT);
      // A replica whose Redis connection is still opening treats Redis as absent; wait, so that
      // tests of shared caching see what a long-running replica sees.
      const proxyRedis = running.proxy.redis;
      if (proxyRedis && proxyRedis.status !== 'ready') {
        // An 'error' (Redis down) ends the wait too: then the replica rightly runs without it.
        await Promise.race([once(proxyRedis, 'ready').catch(() => undefined), sleep(5_000)]);
      }
      let stopped: Promise<void> | undefined;
      const proxy: StackProxy = {
        url: running.url,
        config,
        running,
        auditDir,
        request: (path, requestOptions) => send(running.url, path, requestOptions),
        stop: () => {
          stopped ??= running.close();
          return stopped;
        },
      };
      proxies.push(proxy);
      return proxy;
    };

    const send = async (baseUrl: string, path: string, o: RequestOptions = {}): Promise<StackResponse> => {
      if (o.token !== undefined) rememberSecret(o.token);
      const headers: Record<string, string> = { ...o.headers };
      if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
      let body: string | Uint8Array | undefined;
      if (typeof o.body === 'string' || o.body instanceof Uint8Array) body = o.body;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const url = /^https?:\/\//.test(path) ? path : `${baseUrl}${path}`;
      rememberLinkSecrets(url);
      const response = await fetch(url, {
        method: o.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        redirect: 'manual',
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      let json: unknown;
      if (response.headers.get('content-type')?.includes('json')) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      const minted = (json as { url?: unknown } | undefined)?.url;
      if (typeof minted === 'string') rememberLinkSecrets(minted);
      return { status: response.status, headers: response.headers, bytes, text, json };
    };

    const main = await launch(settings, undefined);
    const runningSandbox = sandbox;
    return {
      proxyUrl: main.url,
      proxy: main,
      sandboxUrl: runningSandbox.url,
      sandbox: runningSandbox,
      control: runningSandbox.control,
      swift,
      redis,
      tokens: sandboxTokens,
      orgId,
      signingKey,
      settings,
      logLines,
      request: main.request,
      startProxy: (overrides, timeouts) => launch(withOverrides(settings, overrides), timeouts),
      auditRecords: async () => {
        const records: Record<string, unknown>[] = [];
        for (const proxy of proxies) {
          for (const name of (await readdir(proxy.auditDir)).sort()) {
            const text = await readFile(join(proxy.auditDir, name), 'utf8');
            for (const line of text.split('\n')) if (line !== '') records.push(JSON.parse(line));
          }
        }
        return records;
      },
      rememberSecret,
      knownSecrets: () => [...secrets],
      leakedSecrets: async () => {
        const texts = [...logLines];
        for (const proxy of proxies) {
          for (const name of await readdir(proxy.auditDir).catch(() => [])) {
            texts.push(await readFile(join(proxy.auditDir, name), 'utf8'));
          }
        }
        const all = texts.join('\n');
        return [...secrets].filter((s) => all.includes(s) || all.includes(encodeURIComponent(s)));
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function withOverrides(
  base: Record<string, string>,
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const result = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
}

/** Swift with the sample buckets: every object under sample-org/s3/<bucket>/, metadata from its sidecar. */
/** The proxy's S3 settings for a Swift holding the sample buckets (path-style, its own keys). */
export function swiftS3Settings(swift: SwiftServer): Record<string, string> {
  return {
    S3_ENDPOINT: swift.endpoint,
    S3_REGION: swift.region,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: swift.accessKeyId,
    S3_SECRET_ACCESS_KEY: swift.secretAccessKey,
    S3_BUCKETS: cleanBucket,
    S3_QUARANTINE_BUCKET: quarantineBucket,
  };
}

/** Swift with the sample org's buckets (`sandbox/sample-org/s3/`): `npm start`, the tests, the bench. */
export async function startSwiftWithSamples(corsOrigins: string[] | undefined): Promise<SwiftServer> {
  const swift = await startSwift(corsOrigins ? { corsOrigins } : {});
  try {
    const s3Dir = join(sampleOrgDir, 's3');
    for (const bucket of await readdir(s3Dir)) {
      await createBucket(swift, bucket);
      const bucketDir = join(s3Dir, bucket);
      // Every object has a sidecar; a generated one has nothing else (sandbox/sample-data/scanned-bundle.ts).
      const files = (await readdir(bucketDir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && entry.name.endsWith('.meta.json'))
        .map((entry) => join(entry.parentPath, entry.name.slice(0, -'.meta.json'.length)));
      for (const file of files) {
        const sidecar = JSON.parse(await readFile(`${file}.meta.json`, 'utf8')) as {
          contentType?: string;
          metadata?: Record<string, string>;
          generated?: string;
        };
        const bytes = sidecar.generated ? generatedSampleBytes(sidecar.generated) : await readFile(file);
        await putObject(swift, bucket, relative(bucketDir, file), bytes, {
          ...(sidecar.contentType ? { contentType: sidecar.contentType } : {}),
          ...(sidecar.metadata ? { metadata: sidecar.metadata } : {}),
        });
      }
    }
  } catch (error) {
    await swift.stop();
    throw error;
  }
  return swift;
}
