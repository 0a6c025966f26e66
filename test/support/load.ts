/**
 * Tools for load and fault tests against a real stack: the proxy in a child process (so a test can
 * SIGKILL it and read its memory and open file descriptors from /proc), a closed-loop load generator
 * over a bounded pool of keep-alive connections, and a recording gate that sits between the proxy and
 * the sandbox org and logs every Genesys call with its token, time and outcome.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import {
  Agent,
  createServer,
  request as httpRequestRaw,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, listenLoopback } from '../../scripts/local-stack/free-port.ts';
import { running } from '../../scripts/local-stack/process-cleanup.ts';

const root = join(import.meta.dirname, '..', '..');
const CHILD_ENTRY = join(root, 'test', 'support', 'proxy-process.ts');

// ---------------------------------------------------------------------------------------------
// HTTP with a bounded, keep-alive connection pool
// ---------------------------------------------------------------------------------------------

export interface HttpResult {
  /** 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Why there was no answer. */
  error?: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: Agent;
  timeoutMs?: number;
  /**
   * Send this request target exactly (node:http parses a URL string with the WHATWG parser, which
   * resolves `..` and re-encodes characters); only the origin of `url` is used then.
   */
  rawPath?: string;
}

/** One request with node:http (lower overhead than fetch, and the pool is ours to bound). */
export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: HttpResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const target = new URL(url);
    const req = httpRequestRaw(
      {
        hostname: target.hostname,
        port: target.port,
        path: options.rawPath ?? `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers,
        agent: options.agent,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (error) =>
          done({ status: 0, headers: {}, body: Buffer.alloc(0), error: error.message }),
        );
        res.on('aborted', () => done({ status: 0, headers: {}, body: Buffer.alloc(0), error: 'aborted' }));
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('client timeout')));
    req.on('error', (error) => done({ status: 0, headers: {}, body: Buffer.alloc(0), error: error.message }));
    req.end(options.body);
  });
}

/** A keep-alive pool of at most `connections` sockets per origin. */
export function connectionPool(connections: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

// ---------------------------------------------------------------------------------------------
// Closed-loop load
// ---------------------------------------------------------------------------------------------

export interface RequestSpec {
  /** What the request is, for expectations and per-kind figures (e.g. "link.store"). */
  kind: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Anything the traffic model wants back with the answer. */
  meta?: Record<string, string>;
}

export interface Sample {
  spec: RequestSpec;
  /** Date.now() when the request was sent and when its answer was complete (for time windows). */
  sentAt: number;
  doneAt: number;
  /** Latency, ms, from performance.now(). */
  ms: number;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  error?: string;
}

export interface LoadOptions {
  connections: number;
  /** Stop after this long, or when `signal` aborts, whichever is first. */
  durationMs?: number;
  signal?: AbortSignal;
  next(worker: number): RequestSpec;
  /** Sees every answer as it arrives (to harvest minted links, say). */
  onSample?(sample: Sample): void;
  /** Keep only what this returns true for in the returned list (memory on long runs). */
  keep?(sample: Sample): boolean;
  timeoutMs?: number;
}

export interface LoadRun {
  samples: Sample[];
  /** Every answer, kept or not. */
  total: number;
  startedAt: number;
  endedAt: number;
}

/**
 * `connections` workers, each sending its next request as soon as the previous answer is complete,
 * over a pool of exactly that many keep-alive sockets.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const agent = connectionPool(options.connections);
  const samples: Sample[] = [];
  let total = 0;
  const startedAt = Date.now();
  const deadline =
    options.durationMs === undefined ? Number.POSITIVE_INFINITY : startedAt + options.durationMs;
  const running = () => Date.now() < deadline && !options.signal?.aborted;
  const worker = async (index: number) => {
    while (running()) {
      const spec = options.next(index);
      const sentAt = Date.now();
      const t0 = performance.now();
      const result = await httpRequest(spec.url, {
        method: spec.method ?? 'GET',
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        agent,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      const sample: Sample = {
        spec,
        sentAt,
        doneAt: Date.now(),
        ms: performance.now() - t0,
        status: result.status,
        headers: result.headers,
        body: result.body,
        ...(result.error ? { error: result.error } : {}),
      };
      total++;
      options.onSample?.(sample);
      if (!options.keep || options.keep(sample)) samples.push(sample);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)));
  } finally {
    agent.destroy();
  }
  return { samples, total, startedAt, endedAt: Date.now() };
}

/** The q-quantile (0..1) of a list of numbers, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Counts of each value: `{ "200": 1234, "503": 5 }`. */
export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Items grouped by a key (Object.groupBy is Node 21+). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) {
    const k = key(item);
    const group = groups[k] ?? [];
    group.push(item);
    groups[k] = group;
  }
  return groups;
}

/** The error code of a JSON error answer, if it is one. */
export function errorCode(sample: { body: Buffer; headers: IncomingHttpHeaders }): string | undefined {
  if (!String(sample.headers['content-type'] ?? '').includes('json')) return undefined;
  try {
    const code = (JSON.parse(sample.body.toString('utf8')) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The proxy in a child process
// ---------------------------------------------------------------------------------------------

export interface ChildProxy {
  url: string;
  pid: number;
  auditDir: string;
  logFile: string;
  /** Resident set size now, in KiB (/proc/<pid>/status VmRSS). */
  rssKiB(): number;
  /**
   * process.memoryUsage() of the proxy right after a full garbage collection, in bytes: the live heap,
   * whatever the phase of V8's collection cycle (RSS saws with it).
   */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  /** Open file descriptors now (/proc/<pid>/fd). */
  fdCount(): number;
  /** Open descriptors by kind: socket, file path, pipe, anon inode, for a readable diff. */
  fdKinds(): Record<string, number>;
  alive(): boolean;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM and wait (SIGKILL after a grace period). Idempotent. */
  stop(): Promise<void>;
  /** Every audit line of this proxy, parsed, plus any line that does not parse (a torn write). */
  audit(): Promise<AuditFiles>;
  /** The operational log so far. */
  log(): Promise<string>;
}

export interface MemoryAfterGc {
  /** False if the child could not collect (started without --expose-gc): the figures are then not the live heap. */
  collected: boolean;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface PendingMemory {
  resolve: (m: MemoryAfterGc) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export interface AuditFiles {
  records: Record<string, unknown>[];
  /** Lines that are not JSON, with the file and line number (only a crash may leave one, at the end). */
  unparseable: { file: string; line: number; text: string; last: boolean }[];
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

/**
 * Starts `test/support/proxy-process.ts` with these settings (env-style names, as the stack's).
 * The child exits by itself when this process goes away (its stdin closes), so a crashed test never
 * leaves a proxy behind.
 */
export async function spawnProxy(
  settings: Record<string, string>,
  options: {
    auditDir?: string;
    logLevel?: string;
    startTimeoutMs?: number;
    /** Node server timeouts (ServerTimeouts of proxy/server.ts), e.g. a short headersTimeoutMs. */
    timeouts?: Record<string, number>;
  } = {},
): Promise<ChildProxy> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'av-child-'));
  const auditDir = options.auditDir ?? join(dir, 'audit');
  const logFile = join(dir, 'proxy.log');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD_ENTRY], {
    cwd: root,
    env: {
      ...process.env,
      PROXY_SETTINGS: JSON.stringify({
        ...settings,
        AUDIT_LOG_DIR: auditDir,
        // A fixed port, so PUBLIC_URL (derived from it unless set) names where the links really point.
        PORT: settings.PORT ?? String(await freePort()),
        LOG_LEVEL: options.logLevel ?? 'info',
      }),
      PROXY_LOG_FILE: logFile,
      PROXY_TIMEOUTS: JSON.stringify(options.timeouts ?? {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the proxy process');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8_000);
  });
  // The child's stdout is line-based: "listening <url>" once, then a "memory <JSON>" per request.
  const lines = child.stdout ? createInterface({ input: child.stdout }) : undefined;
  const memoryAnswers: PendingMemory[] = [];
  lines?.on('line', (line) => {
    if (!line.startsWith('memory ')) return;
    const pending = memoryAnswers.shift();
    clearTimeout(pending?.timer);
    pending?.resolve(JSON.parse(line.slice(7)) as MemoryAfterGc);
  });
  const failPending = (why: string) => {
    for (const pending of memoryAnswers.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(new Error(why));
    }
  };
  void exited.then(() => failPending('the proxy process exited'));
  // Writing to a child that just died fails with EPIPE: that fails the request, not the test worker.
  child.stdin?.on('error', (error) => failPending(`could not write to the proxy process: ${error.message}`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`proxy process did not start in time\n${stderr}`)),
      options.startTimeoutMs ?? 30_000,
    );
    lines?.on('line', (line) => {
      const found = /^listening (http:\/\/\S+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`proxy process exited (${code ?? signal}) while starting\n${stderr}`));
    });
  });
  let stopping: Promise<void> | undefined;
  const alive = () => running(child);
  return {
    url,
    pid,
    auditDir,
    logFile,
    rssKiB: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    },
    memoryAfterGc: () =>
      new Promise<MemoryAfterGc>((resolve, reject) => {
        if (!alive()) return reject(new Error('the proxy process has exited'));
        // Two full collections take well under a second; a stuck child must fail the test, not stall it.
        const pending: PendingMemory = {
          resolve,
          reject,
          timer: setTimeout(() => {
            memoryAnswers.splice(memoryAnswers.indexOf(pending), 1);
            reject(new Error('the proxy process did not report its memory within 10 s'));
          }, 10_000),
        };
        memoryAnswers.push(pending);
        child.stdin?.write('memory\n');
      }),
    fdCount: () => readdirSync(`/proc/${pid}/fd`).length,
    fdKinds: () => fdKinds(pid),
    alive,
    exited,
    kill: (signal) => {
      if (alive()) child.kill(signal);
    },
    stop: () => {
      stopping ??= (async () => {
        if (!alive()) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
    audit: () => readAuditDir(auditDir),
    log: () => readFile(logFile, 'utf8').catch(() => ''),
  };
}

function fdKinds(pid: number): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const kind = target.startsWith('socket:')
      ? 'socket'
      : target.startsWith('pipe:')
        ? 'pipe'
        : target.startsWith('anon_inode:')
          ? target
          : 'file';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** Reads every daily audit file of a folder. */
export async function readAuditDir(dir: string): Promise<AuditFiles> {
  const records: Record<string, unknown>[] = [];
  const unparseable: AuditFiles['unparseable'] = [];
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    const lines = text.split('\n');
    // A complete file ends with "\n": the last element is then empty.
    lines.forEach((line, i) => {
      if (line === '') return;
      try {
        records.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        unparseable.push({ file: name, line: i + 1, text: line.slice(0, 200), last: i === lines.length - 1 });
      }
    });
  }
  return { records, unparseable };
}

// ---------------------------------------------------------------------------------------------
// A recording gate in front of the sandbox org
// ---------------------------------------------------------------------------------------------

export interface GateCall {
  /** users.me, conversations.get, messages.bulk, emails.list, recordings, downloads, downloads.file, other. */
  endpoint: string;
  method: string;
  path: string;
  /** The bearer token sent (undefined for signed file URLs). */
  token?: string;
  /** The conversation id in the path, for conversation reads. */
  conversationId?: string;
  receivedAt: number;
  /** When the whole answer had been passed on; undefined if it never was (hang, abort). */
  answeredAt?: number;
  status?: number;
  /** A 2xx whose whole body arrived (and, for API calls, parsed as JSON). */
  ok: boolean;
}

export interface RecordingGate {
  url: string;
  calls: GateCall[];
  close(): Promise<void>;
}

/**
 * An HTTP pass-through to `target` that logs every call. The Host header is passed on unchanged, so
 * the sandbox builds its signed download URLs on the gate's origin and relayed file reads come
 * through the gate too. A client that goes away aborts the upstream call.
 */
export async function startRecordingGate(target: string): Promise<RecordingGate> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const calls: GateCall[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const pathname = path.split('?', 1)[0] ?? '';
    const call: GateCall = {
      endpoint: endpointOf(req.method ?? 'GET', pathname),
      method: req.method ?? 'GET',
      path: pathname,
      receivedAt: Date.now(),
      ok: false,
    };
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token) call.token = token;
    const conversationId = /^\/api\/v2\/conversations\/(?:messages\/|emails\/)?([^/]+)/.exec(pathname)?.[1];
    if (conversationId && conversationId !== 'messages') call.conversationId = conversationId;
    calls.push(call);
    const forward = httpRequestRaw(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: req.headers,
        agent,
      },
      (answer) => {
        call.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const isApi = pathname.startsWith('/api/v2/');
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => {
          if (isApi) chunks.push(chunk);
          res.write(chunk);
        });
        answer.on('end', () => {
          res.end();
          call.answeredAt = Date.now();
          const status = answer.statusCode ?? 0;
          let parsed = true;
          if (isApi && status === 200) {
            try {
              JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsed = false;
            }
          }
          call.ok = status >= 200 && status < 300 && parsed && !res.destroyed;
        });
        answer.on('error', () => res.destroy());
      },
    );
    forward.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  const url = await listenLoopback(server);
  return {
    url,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

function endpointOf(method: string, path: string): string {
  if (path === '/api/v2/users/me') return 'users.me';
  if (path === '/api/v2/tokens/me') return 'tokens.me';
  if (/^\/api\/v2\/conversations\/messages\/[^/]+\/messages\/bulk$/.test(path)) return 'messages.bulk';
  if (/^\/api\/v2\/conversations\/emails\/[^/]+\/messages$/.test(path)) return 'emails.list';
  if (/^\/api\/v2\/conversations\/[^/]+\/recordings$/.test(path)) return 'recordings';
  if (method === 'GET' && /^\/api\/v2\/conversations\/[^/]+$/.test(path)) return 'conversations.get';
  if (/^\/api\/v2\/downloads\//.test(path)) return 'downloads';
  if (path.startsWith('/__sandbox/files/')) return 'downloads.file';
  return 'other';
}
