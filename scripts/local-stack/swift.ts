/**
 * A real OpenStack Swift (Debian packages swift-proxy, swift-object, swift-container, swift-account) with the
 * s3api middleware on 127.0.0.1, for tests that need SigV4 signatures actually verified (why Swift:
 * docs/architecture.md, build and toolchain facts).
 *
 * Object tagging (checked against Debian's Swift 2.30.1): GetObjectTagging always answers 200 with an empty
 * TagSet, PutObjectTagging/DeleteObjectTagging answer 501 NotImplemented, and PutObject with an
 * `x-amz-tagging` header is refused with 501 ("Object tagging is not supported"). Tags cannot carry the scan
 * status here; use `x-amz-meta-*` metadata (or separate buckets).
 * test/scripts/local-stack/services.test.ts pins this.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePorts } from './free-port.ts';
import { cleanups, exited, installExitHook, REAPER, running } from './process-cleanup.ts';

export type SwiftService = 'proxy' | 'object' | 'container' | 'account';

export interface SwiftServer {
  /** `http://127.0.0.1:<port>` of the proxy (path-style S3). */
  readonly endpoint: string;
  readonly region: 'us-east-1';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Current PIDs (the proxy's changes on restart). */
  readonly pids: Readonly<Record<SwiftService, number>>;
  /** One `<service>.log` per server. Removed by stop(). */
  readonly logDir: string;
  /** Kills every server, waits for them to exit and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGSTOP the proxy: connections are accepted by the kernel but never answered. */
  pause(): void;
  resume(): void;
  /** Stops the proxy and starts it again on the same port; stored objects are kept. */
  restart(): Promise<void>;
}

export interface SwiftOptions {
  /** Exact origins allowed to read objects from a browser (CORS). */
  corsOrigins?: string[];
}

// One client per server for the helpers below, so loops do not open a connection pool per call.
const clients = new WeakMap<SwiftServer, S3Client>();

const SERVICES: readonly SwiftService[] = ['account', 'container', 'object', 'proxy'];
const READY_TIMEOUT_MS = 30_000;
// Debian's Swift lives in the system interpreter's dist-packages; a pyenv/venv python3 on PATH lacks it.
const PYTHON = '/usr/bin/python3';
const STOP_GRACE_MS = 3_000;

// The stock swift-*-server scripts always read /etc/swift/swift.conf for the hash path and storage
// policies, whatever swift_dir says. This launcher points Swift at our private swift.conf first.
// The proxy builds the rings it loads at start (absent on first start), with the steps of
// `swift-ring-builder <x>.builder create 8 1 1; add r1z1-127.0.0.1:<port>/d1 100; rebalance` but through
// the library the CLI wraps: nine CLI runs cost ~5 s of CPU per start, this ~0.1 s.
// The object server needs user xattrs; fail with a readable message where the filesystem has none.
const LAUNCHER = `
import json, os, sys
from swift.common import constraints, storage_policy, utils
name, conf, devices, ring_ports = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
swift_dir = os.path.dirname(conf)
utils.set_swift_dir(swift_dir)
constraints.reload_constraints()
storage_policy.reload_storage_policies()
from swift.common.wsgi import run_wsgi
kwargs = {}
if name == 'proxy-server':
    from swift.common.ring import RingBuilder
    for kind, port in ring_ports.items():
        if os.path.exists(os.path.join(swift_dir, kind + '.ring.gz')):
            continue
        builder = RingBuilder(8, 1, 1)
        builder.add_dev({'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': port, 'device': 'd1', 'weight': 100})
        builder.rebalance()
        builder.save(os.path.join(swift_dir, kind + '.builder'))
        builder.get_ring().save(os.path.join(swift_dir, kind + '.ring.gz'))
if name == 'object-server':
    probe = os.path.join(devices, '.xattr-probe')
    open(probe, 'w').close()
    try:
        os.setxattr(probe, 'user.swift.probe', b'1')
    except OSError as e:
        sys.exit('%s does not support user xattrs (%s); point TMPDIR at ext4/xfs/btrfs' % (devices, e))
    os.unlink(probe)
    from swift.obj import server
    kwargs['global_conf_callback'] = server.global_conf_callback
sys.exit(run_wsgi(conf, name, verbose=True, **kwargs))
`;

function ini(sections: Record<string, Record<string, string | number | boolean>>): string {
  return Object.entries(sections)
    .map(([name, values]) => {
      const lines = Object.entries(values).map(([key, value]) => `${key} = ${value}`);
      return `[${name}]\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

async function tail(file: string, lines = 25): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  child.kill('SIGCONT'); // a paused process would never act on SIGTERM
  child.kill('SIGTERM');
  const done = exited(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await done;
  clearTimeout(timer);
}

// What startSwift runs: the system Python and the Swift library Debian's swift-proxy, swift-object,
// swift-container and swift-account packages install for it, s3api middleware included.
const REQUIRED_FILES = [PYTHON, '/usr/lib/python3/dist-packages/swift/common/middleware/s3api'] as const;

/** True when this machine has the packages startSwift needs (`.ci/install-test-deps` installs them). */
export function swiftInstalled(): boolean {
  return REQUIRED_FILES.every((file) => existsSync(file));
}

export async function startSwift(options: SwiftOptions = {}): Promise<SwiftServer> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'swift-'));
  const devices = join(dir, 'devices');
  const logDir = join(dir, 'logs');
  await Promise.all([mkdir(join(devices, 'd1'), { recursive: true }), mkdir(logDir)]);

  const [proxyPort, objectPort, containerPort, accountPort, noMemcachePort] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ports: Record<SwiftService, number> = {
    proxy: proxyPort,
    object: objectPort,
    container: containerPort,
    account: accountPort,
  };
  const account = 'test';
  const user = 'tester';
  const secretAccessKey = randomBytes(24).toString('hex');
  const origins = (options.corsOrigins ?? []).join(',');

  const common = (service: SwiftService) => ({
    bind_ip: '127.0.0.1',
    bind_port: ports[service],
    workers: 0,
    user: userInfo().username,
    swift_dir: dir,
    devices,
    mount_check: false,
    // Not a socket, so Swift logs to the console (our log file) and a UDP port nobody reads, never to the
    // host's syslog.
    log_address: join(dir, 'no-syslog'),
  });
  const backend = (service: 'object' | 'container' | 'account') =>
    ini({
      DEFAULT: common(service),
      'pipeline:main': { pipeline: `healthcheck ${service}-server` },
      [`app:${service}-server`]: { use: `egg:swift#${service}` },
      'filter:healthcheck': { use: 'egg:swift#healthcheck' },
    });
  const cors: Record<string, string> = origins
    ? {
        cors_allow_origin: origins,
        cors_expose_headers:
          'content-range, accept-ranges, content-length, content-disposition, content-type',
      }
    : {};
  const proxy = ini({
    DEFAULT: common('proxy'),
    'pipeline:main': {
      pipeline:
        'catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server',
    },
    'app:proxy-server': { use: 'egg:swift#proxy', account_autocreate: true, ...cors },
    'filter:tempauth': {
      use: 'egg:swift#tempauth',
      [`user_${account}_${user}`]: `${secretAccessKey} .admin`,
    },
    'filter:s3api': {
      use: 'egg:swift#s3api',
      location: 'us-east-1',
      ...(origins ? { cors_preflight_allow_origin: origins } : {}),
    },
    // tempauth and s3api need a cache filter; nothing listens on this port, so nothing is shared with
    // other Swift instances (a real memcached would mix their account info and tokens).
    'filter:cache': {
      use: 'egg:swift#memcache',
      memcache_servers: `127.0.0.1:${noMemcachePort}`,
      log_level: 'CRITICAL', // otherwise five "memcached error-limited" lines per request
    },
    'filter:catch_errors': { use: 'egg:swift#catch_errors' },
    'filter:gatekeeper': { use: 'egg:swift#gatekeeper' },
    'filter:healthcheck': { use: 'egg:swift#healthcheck' },
    'filter:proxy-logging': { use: 'egg:swift#proxy_logging' },
    'filter:listing_formats': { use: 'egg:swift#listing_formats' },
    'filter:copy': { use: 'egg:swift#copy' },
    'filter:slo': { use: 'egg:swift#slo' },
    'filter:dlo': { use: 'egg:swift#dlo' },
  });
  const swiftConf = ini({
    'swift-hash': {
      swift_hash_path_prefix: randomBytes(8).toString('hex'),
      swift_hash_path_suffix: randomBytes(8).toString('hex'),
    },
    'storage-policy:0': { name: 'Policy-0', default: 'yes' },
  });
  const confPath = (service: SwiftService) => join(dir, `${service}-server.conf`);
  await Promise.all([
    writeFile(join(dir, 'swift.conf'), swiftConf),
    writeFile(confPath('proxy'), proxy),
    writeFile(confPath('object'), backend('object')),
    writeFile(confPath('container'), backend('container')),
    writeFile(confPath('account'), backend('account')),
  ]);

  const reaper = spawn('sh', ['-c', REAPER, 'swift-reaper', dir], { stdio: ['pipe', 'ignore', 'ignore'] });
  const reaperInput = reaper.stdin as Writable & { unref?: () => void };
  reaper.unref();
  reaperInput.unref?.();
  reaperInput.on('error', () => {}); // the reaper is gone only if we killed it

  const ringPorts = JSON.stringify({ account: accountPort, container: containerPort, object: objectPort });
  const children = new Map<SwiftService, ChildProcess>();
  const launch = (service: SwiftService): ChildProcess => {
    const log = openSync(join(logDir, `${service}.log`), 'a');
    const args = ['-c', LAUNCHER, `${service}-server`, confPath(service), devices, ringPorts];
    const child = spawn(PYTHON, args, { stdio: ['ignore', log, log], detached: false });
    closeSync(log);
    child.unref();
    children.set(service, child);
    const pid = child.pid;
    if (pid !== undefined) {
      reaperInput.write(`${pid}\n`);
      child.once('exit', () => reaperInput.writable && reaperInput.write(`-${pid}\n`));
    }
    return child;
  };

  let stopped = false;
  let server: SwiftServer | undefined;
  const killNow = () => {
    for (const child of children.values()) {
      if (running(child)) child.kill('SIGKILL');
    }
    reaper.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(killNow);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    cleanups.delete(killNow);
    if (server) clients.get(server)?.destroy();
    await Promise.all([...children.values()].map(terminate));
    reaper.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };

  const logTails = async (services: readonly SwiftService[]) =>
    (
      await Promise.all(
        services.map(async (s) => `--- ${s}.log ---\n${await tail(join(logDir, `${s}.log`))}`),
      )
    ).join('\n');

  const waitReady = async (services: readonly SwiftService[]) => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const pending = new Set(services);
    while (pending.size > 0) {
      for (const service of pending) {
        const child = children.get(service);
        if (!child || child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `swift ${service}-server exited (${child?.exitCode ?? child?.signalCode}) while starting\n${await logTails(services)}`,
          );
        }
        try {
          const response = await fetch(`http://127.0.0.1:${ports[service]}/healthcheck`, {
            signal: AbortSignal.timeout(1_000),
          });
          await response.arrayBuffer();
          if (response.ok) pending.delete(service);
        } catch {
          // not listening yet
        }
      }
      if (pending.size === 0) break;
      if (Date.now() > deadline) {
        throw new Error(
          `swift did not answer /healthcheck within ${READY_TIMEOUT_MS} ms (waiting for ${[...pending].join(', ')})\n${await logTails(services)}`,
        );
      }
      await sleep(100);
    }
  };

  try {
    for (const service of SERVICES) launch(service);
    await waitReady(SERVICES);
  } catch (error) {
    await stop();
    throw error;
  }

  const proxyProcess = () => {
    const child = children.get('proxy');
    if (!child) throw new Error('swift proxy not started');
    return child;
  };

  server = {
    endpoint: `http://127.0.0.1:${proxyPort}`,
    region: 'us-east-1',
    accessKeyId: `${account}:${user}`,
    secretAccessKey,
    get pids() {
      const pid = (s: SwiftService) => children.get(s)?.pid ?? -1;
      return {
        proxy: pid('proxy'),
        object: pid('object'),
        container: pid('container'),
        account: pid('account'),
      };
    },
    logDir,
    stop,
    pause: () => void proxyProcess().kill('SIGSTOP'),
    resume: () => void proxyProcess().kill('SIGCONT'),
    restart: async () => {
      if (stopped) throw new Error('swift is stopped');
      await terminate(proxyProcess());
      launch('proxy');
      await waitReady(['proxy']);
    },
  };
  return server;
}

/** An S3 client for this Swift (path-style, its endpoint, region and tempauth credentials). */
export function createS3Client(swift: SwiftServer): S3Client {
  return new S3Client({
    endpoint: swift.endpoint,
    region: swift.region,
    forcePathStyle: true,
    credentials: { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey },
  });
}

function clientFor(swift: SwiftServer): S3Client {
  let client = clients.get(swift);
  if (!client) {
    client = createS3Client(swift);
    clients.set(swift, client);
  }
  return client;
}

export async function createBucket(swift: SwiftServer, bucket: string): Promise<void> {
  await clientFor(swift).send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function putObject(
  swift: SwiftServer,
  bucket: string,
  key: string,
  body: string | Uint8Array,
  options: { contentType?: string; metadata?: Record<string, string> } = {},
): Promise<void> {
  await clientFor(swift).send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: options.contentType,
      Metadata: options.metadata,
    }),
  );
}
