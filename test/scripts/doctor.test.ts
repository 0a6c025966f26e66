// `npm run doctor` against a real deployment on loopback: the sandbox org, Swift with the sample
// buckets (CORS for the widget's origin), Redis and the proxy serving a widget page. A healthy run
// first, then one broken thing at a time, each of which must be named with its fix.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../proxy/config/config-schema.ts';
import { advertiseConverters } from '../../proxy/renditions/conversion-queue.ts';
import { sampleOAuthClientId } from '../../sandbox/sample-data/manifest.ts';
import { checkHttps, checkSettings } from '../../scripts/doctor/check-config.ts';
import { allows } from '../../scripts/doctor/check-storage-csp.ts';
import { formatLine, formatText } from '../../scripts/doctor/format-report.ts';
import { type DoctorOptions, type DoctorReport, runDoctor } from '../../scripts/doctor/run-doctor.ts';
import { freePort } from '../../scripts/local-stack/free-port.ts';
import { requireRedis, requireSwift, type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import { createBucket } from '../../scripts/local-stack/swift.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

const TEMPLATE =
  '/?gcConversationId={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}';
const SANDBOX =
  'allow-forms,allow-modals,allow-popups,allow-presentation,allow-same-origin,allow-scripts,allow-downloads';
const ADVANCED = {
  lifecycle: { ephemeral: false, hooks: { bootstrap: true, focus: false, blur: false, stop: true } },
};

// A self-signed certificate for other.example.com that expired on 2021-01-01 (its key was thrown away).
const EXPIRED_CERT = `-----BEGIN CERTIFICATE-----
MIIBWTCCAQCgAwIBAgIUXAXWk6X7prerENhidYTKPsgs48owCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRb3RoZXIuZXhhbXBsZS5jb20wHhcNMjAwMTAxMDAwMDAwWhcN
MjEwMTAxMDAwMDAwWjAcMRowGAYDVQQDDBFvdGhlci5leGFtcGxlLmNvbTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABFoCkXESCIqIR+eU1htX/59YCcutfVYpolFD
eZp/XBExBhbiDh8FoUuy4Hp9pK/RuBwduQWC1xiHbFiYFwM2oR2jIDAeMBwGA1Ud
EQQVMBOCEW90aGVyLmV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0cAMEQCIGYqEJTf
RyVbzjJMZOH90bZ/lJdQnlv/6z7X1driYsriAiAg/AUsHrmzRfQSQfUTyd29WV58
Im/ijLFTn/wOfUrAeA==
-----END CERTIFICATE-----
`;

function productionConfig(overrides: Record<string, string>) {
  return parseConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://viewer.example.com',
    GENESYS_REGIONS: 'mypurecloud.ie',
    GENESYS_ORG_ID: randomUUID(),
    LINK_SIGNING_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    STORE_DIR: tmpdir(),
    ...overrides,
  });
}

describe('doctor checks that need no running service', () => {
  it('fails the proxy’s own certificate when it expired, names another host or does not match the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doctor-tls-'));
    try {
      await writeFile(join(dir, 'cert.pem'), EXPIRED_CERT);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await writeFile(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const https = await checkHttps(
        productionConfig({ TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') }),
      );
      expect(https.status).toBe('fail');
      expect(https.detail).toContain('is not the private key of TLS_CERT_FILE');
      expect(https.detail).toContain('the certificate expired on Jan  1 00:00:00 2021 GMT');
      expect(https.detail).toContain('does not cover viewer.example.com (DNS:other.example.com)');
      expect(https.fix).toContain('Renew the certificate');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails plain HTTP in production and warns when TLS ends in front of a proxy that trusts no hop', async () => {
    const http = await checkHttps(productionConfig({ PUBLIC_URL: 'http://viewer.example.com' }));
    expect(http.status).toBe('fail');
    expect(http.detail).toContain('is not HTTPS');
    const behindBalancer = await checkHttps(productionConfig({}));
    expect(behindBalancer.status).toBe('warn');
    expect(behindBalancer.fix).toContain('TRUST_PROXY_HOPS');
    expect((await checkHttps(productionConfig({ TRUST_PROXY_HOPS: '1' }))).status).toBe('pass');
  });

  it('warns about settings a real deployment needs that the proxy does not enforce', () => {
    const bare = checkSettings(productionConfig({}), { LINK_SIGNING_KEYS: 'set' });
    expect(bare.status).toBe('fail');
    expect(bare.detail).toContain('GENESYS_OAUTH_CLIENT_ID is not set');
    expect(bare.detail).toContain('GENESYS_DOWNLOAD_HOSTS is empty');
    const complete = checkSettings(
      productionConfig({
        GENESYS_OAUTH_CLIENT_ID: 'widget-client',
        GENESYS_DOWNLOAD_HOSTS: 'files.example.net',
      }),
      { LINK_SIGNING_KEYS: 'set' },
    );
    expect(complete.status).toBe('pass');
  });

  it('matches CSP sources to an origin exactly, by scheme or by a leftmost wildcard only', () => {
    const origin = 'https://claims.s3.eu-west-1.amazonaws.com';
    expect(allows([origin], origin)).toBe(true);
    expect(allows(['https:'], origin)).toBe(true);
    expect(allows(['https://*.s3.eu-west-1.amazonaws.com'], origin)).toBe(true);
    expect(allows(['https://s3.eu-west-1.amazonaws.com'], origin)).toBe(false);
    expect(allows(['https://*.amazonaws.com.evil.example'], origin)).toBe(false);
    expect(allows(['http://*.s3.eu-west-1.amazonaws.com'], origin)).toBe(false);
  });
});

function finding(report: DoctorReport, id: string) {
  const found = report.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no finding ${id} in ${report.findings.map((f) => f.id).join(', ')}`);
  return found;
}

describe('npm run doctor', () => {
  let stack: Stack;
  let dir: string;
  let publicUrl: string;
  let goodIntegration: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doctor-'));
    const widgetDir = join(dir, 'widget');
    await mkdir(widgetDir);
    await writeFile(
      join(widgetDir, 'index.html'),
      '<!doctype html><title>Attachments</title><div id="root"></div>',
    );
    // The widget's origin is PUBLIC_URL: pick the proxy's port first so Swift's CORS can name it.
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    stack = await startStack({
      swift: true,
      redis: true,
      corsOrigins: [publicUrl],
      widgetDir,
      proxyOverrides: {
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        GENESYS_OAUTH_CLIENT_ID: sampleOAuthClientId,
      },
    });
    env = { ...stack.settings };
    goodIntegration = join(dir, 'widget-integration.json');
    await writeFile(
      goodIntegration,
      JSON.stringify([
        {
          name: 'Attachments',
          integrationType: { id: 'embedded-client-app-interaction-widget' },
          // As Terraform and the API carry them: JSON strings.
          properties: JSON.stringify({ url: `${publicUrl}${TEMPLATE}`, sandbox: SANDBOX, groups: [] }),
          advanced: JSON.stringify(ADVANCED),
        },
        {
          name: 'Attachments review',
          integrationType: 'embedded-client-app',
          properties: {
            url: `${publicUrl}/?mode=review&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}`,
            displayType: 'standalone',
            sandbox: SANDBOX,
          },
          advanced: ADVANCED,
        },
      ]),
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const doctor = (overrides: Record<string, string> = {}, options: Partial<DoctorOptions> = {}) =>
    runDoctor({
      env: { ...env, ...overrides },
      token: stack.tokens.alice,
      integrationConfigs: [goodIntegration],
      timeoutMs: 3_000,
      ...options,
    });

  it('passes every check of a healthy deployment and says so one line per check', async () => {
    const report = await doctor();
    const failed = report.findings.filter((f) => f.status === 'fail');
    expect(failed.map(formatLine)).toEqual([]);
    expect(report.ok).toBe(true);
    for (const id of [
      'config',
      'deployment.https',
      'genesys.region',
      'genesys.token',
      'genesys.permissions',
      'integration',
      'integration.2',
      'proxy.health',
      'proxy.widget',
      'proxy.api',
      'storage.s3',
      'storage.store',
      'storage.s3-link',
      'storage.store-link',
      'storage.cors',
      'proxy.storage-csp',
      'redis',
      'clock',
    ])
      expect({ id, status: finding(report, id).status }).toEqual({ id, status: 'pass' });
    expect(finding(report, 'genesys.token').detail).toContain('Alice Agent');
    // The sample org's client predates review mode: it lacks the analytics scope the review app's list needs.
    expect(finding(report, 'genesys.oauth-client')).toMatchObject({ status: 'warn' });
    expect(finding(report, 'genesys.oauth-client').detail).toContain(
      `client Attachment Viewer (sandbox) (${sampleOAuthClientId}) lacks the analytics or analytics:readonly scope (the review app’s list of interactions)`,
    );
    expect(finding(report, 'proxy.widget').detail).toContain('https://apps.mypurecloud.com');
    expect(finding(report, 'storage.s3-link').detail).toMatch(
      /s3:\/\/av-clean\/\S+ .*returned its first byte/,
    );
    // And a real deployment talks to Genesys Cloud, not to the sandbox org.
    expect(finding(report, 'deployment.settings')).toMatchObject({ status: 'warn' });
    expect(finding(report, 'deployment.settings').detail).toContain('GENESYS_API_BASE');
    const text = formatText(report);
    expect(text.trimEnd().split('\n')).toHaveLength(report.findings.length + 2);
    expect(text).toMatch(/^✓ Configuration: valid/m);
    expect(text).toContain('No problems; 2 warning(s).');
    expect(text).not.toContain(stack.tokens.alice);
  });

  it('names the organization of a token when GENESYS_ORG_ID is another one', async () => {
    const wrongOrg = randomUUID();
    const report = await doctor({ GENESYS_ORG_ID: wrongOrg });
    const token = finding(report, 'genesys.token');
    expect(token.status).toBe('fail');
    expect(token.detail).toContain(wrongOrg);
    expect(token.fix).toContain(`GENESYS_ORG_ID=${stack.orgId}`);
    expect(report.ok).toBe(false);
  });

  it('fails a token that Genesys rejects and says which region refused it', async () => {
    const report = await doctor({}, { token: stack.tokens.aliceExpired });
    expect(finding(report, 'genesys.token')).toMatchObject({ status: 'fail' });
    expect(finding(report, 'genesys.token').detail).toContain('rejected the token (401) in mypurecloud.com');
    expect(finding(report, 'genesys.oauth-client').status).toBe('skip');
  });

  it('detects a token issued to another OAuth client and a proxy running with another client id', async () => {
    const report = await doctor({ GENESYS_OAUTH_CLIENT_ID: 'another-client' });
    const client = finding(report, 'genesys.oauth-client');
    expect(client.status).toBe('fail');
    expect(client.detail).toContain(`issued to Attachment Viewer (sandbox) (${sampleOAuthClientId})`);
    const widget = finding(report, 'proxy.widget');
    expect(widget.status).toBe('fail');
    expect(widget.detail).toContain(
      `serves OAuth client ${sampleOAuthClientId} but these settings say another-client`,
    );
  });

  it('reports a proxy that does not answer and skips what depends on it', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const report = await doctor({}, { proxyUrl: nobody });
    const health = finding(report, 'proxy.health');
    expect(health.status).toBe('fail');
    expect(health.detail).toMatch(/does not answer: .*unreachable/);
    expect(health.fix).toContain('Start the proxy');
    for (const id of ['proxy.widget', 'proxy.api', 'storage.store-link'])
      expect({ id, status: finding(report, id).status }).toEqual({ id, status: 'skip' });
    expect(report.ok).toBe(false);
  });

  it('finds that the running proxy does not let the configured region frame the widget', async () => {
    const report = await doctor({ GENESYS_REGIONS: 'mypurecloud.ie' });
    const widget = finding(report, 'proxy.widget');
    expect(widget.status).toBe('fail');
    expect(widget.detail).toContain('without https://apps.mypurecloud.ie');
    expect(widget.fix).toContain('GENESYS_REGIONS');
  });

  it('finds a bucket whose CORS does not allow the widget origin and prints the rule to add', async () => {
    // The widget served from another origin than the one Swift's CORS names.
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const report = await doctor(
      { PUBLIC_URL: elsewhere },
      { proxyUrl: stack.proxyUrl, integrationConfigs: [] },
    );
    const cors = finding(report, 'storage.cors');
    expect(cors.status).toBe('fail');
    expect(cors.detail).toContain(`bucket av-clean refuses the preflight from ${elsewhere}`);
    expect(cors.fix).toContain('put-bucket-cors --bucket av-clean');
    expect(cors.fix).toContain(`"AllowedOrigins":["${elsewhere}"]`);
    expect(cors.fix).toContain('"AllowedHeaders":["Range"]');
    // The presigned GET itself works; only the browser would be refused.
    expect(finding(report, 'storage.s3-link').status).toBe('pass');
  });

  it('checks the renditions bucket’s CORS too: the widget fetches renditions from it', async () => {
    await createBucket(requireSwift(stack), 'av-renditions-cors');
    const renditions = {
      RENDITIONS_DIR: join(dir, 'renditions-cors'),
      RENDITION_STORAGE: 's3',
      RENDITION_S3_BUCKET: 'av-renditions-cors',
    };
    const allowed = finding(await doctor(renditions), 'storage.cors');
    expect(allowed.status).toBe('pass');
    expect(allowed.detail).toContain('av-renditions-cors');

    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const refused = finding(await doctor({ ...renditions, PUBLIC_URL: elsewhere }), 'storage.cors');
    expect(refused.status).toBe('fail');
    expect(refused.detail).toContain(`bucket av-renditions-cors refuses the preflight from ${elsewhere}`);
    expect(refused.fix).toContain('put-bucket-cors --bucket av-renditions-cors');
  });

  it('finds S3 links pointing at an origin the running proxy’s widget CSP does not allow', async () => {
    const swiftPort = new URL(stack.swift?.endpoint ?? '').port;
    // The same Swift under another name: links work, but the proxy's CSP names 127.0.0.1.
    const report = await doctor({ S3_PUBLIC_ENDPOINT: `http://localhost:${swiftPort}` });
    expect(finding(report, 'storage.s3-link').status).toBe('pass');
    const csp = finding(report, 'proxy.storage-csp');
    expect(csp.status).toBe('fail');
    expect(csp.detail).toContain(
      `S3 links point at http://localhost:${swiftPort}, which the widget page's connect-src, img-src, media-src do not allow`,
    );
    expect(csp.fix).toContain('S3_PUBLIC_ENDPOINT');
  });

  it('fails when Redis does not answer', async () => {
    const report = await doctor({ REDIS_URL: `redis://:secret-pass@127.0.0.1:${await freePort()}` });
    const redis = finding(report, 'redis');
    expect(redis.status).toBe('fail');
    expect(redis.detail).toMatch(/redis:\/\/127\.0\.0\.1:\d+ does not answer PING/);
    expect(JSON.stringify(report)).not.toContain('secret-pass');
  });

  it('checks queued conversions by what the workers advertise, and the renditions bucket', async () => {
    await createBucket(requireSwift(stack), 'av-renditions-doctor');
    const queued = {
      RENDITIONS_DIR: join(dir, 'renditions'),
      CONVERTER_MODE: 'queue',
      RENDITION_STORAGE: 's3',
      RENDITION_S3_BUCKET: 'av-renditions-doctor',
    };
    const idle = await doctor(queued);
    expect(finding(idle, 'renditions')).toMatchObject({ status: 'fail' });
    expect(finding(idle, 'renditions').detail).toContain('no converter worker has reported in the last 30 s');
    expect(finding(idle, 'renditions').fix).toContain('npm run worker');
    // Swift keeps objects but has no lifecycle API: the bucket works, its expiry cannot be confirmed.
    expect(finding(idle, 'renditions.storage')).toMatchObject({ status: 'warn' });
    expect(finding(idle, 'renditions.storage').detail).toContain(
      's3://av-renditions-doctor/renditions/ works',
    );
    expect(finding(idle, 'renditions.storage').fix).toContain(
      'Expiration rule for prefix "renditions/" after 1 day(s)',
    );

    const redis = new Redis(requireRedis(stack).url);
    try {
      await advertiseConverters(redis, new Map([['office', 'soffice 7.4']]));
      const busy = await doctor(queued);
      expect(finding(busy, 'renditions')).toMatchObject({ status: 'warn' });
      expect(finding(busy, 'renditions').detail).toContain('the workers advertise only soffice 7.4');
    } finally {
      redis.disconnect();
    }

    const refused = await doctor({ ...queued, RENDITION_S3_BUCKET: 'no-such-renditions-bucket' });
    expect(finding(refused, 'renditions.storage')).toMatchObject({ status: 'fail' });
    expect(finding(refused, 'renditions.storage').fix).toContain(
      'arn:aws:s3:::no-such-renditions-bucket/renditions/*',
    );
  });

  it('finds that the proxy signs links with other keys than these settings', async () => {
    const report = await doctor({ LINK_SIGNING_KEYS: `k2:${randomBytes(32).toString('base64url')}` });
    const link = finding(report, 'storage.store-link');
    expect(link.status).toBe('fail');
    expect(link.detail).toContain('refused a link signed with key "k2"');
    expect(link.fix).toContain('same LINK_SIGNING_KEYS');
  });

  it('finds S3 credentials the bucket refuses', async () => {
    const report = await doctor({ S3_SECRET_ACCESS_KEY: 'not-the-secret' });
    const buckets = finding(report, 'storage.s3');
    expect(buckets.status).toBe('fail');
    expect(buckets.detail).toMatch(/HeadBucket av-clean: .*\(HTTP 403\)/);
    expect(buckets.fix).toContain('s3:ListBucket on arn:aws:s3:::av-clean');
  });

  it('finds a URL template without gcConversationId, a sandbox without allow-downloads and a review app without review mode', async () => {
    const broken = join(dir, 'broken-integration.json');
    await writeFile(
      broken,
      JSON.stringify({
        integrations: [
          {
            config: {
              name: 'Attachments',
              properties: {
                url: `${publicUrl}/?conversation={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}`,
                sandbox: 'allow-scripts,allow-same-origin,allow-popups',
              },
              advanced: {},
            },
          },
          {
            config: {
              name: 'Attachments review',
              properties: {
                url: `${publicUrl}/?gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}`,
                displayType: 'standalone',
                sandbox: SANDBOX,
              },
              advanced: ADVANCED,
            },
          },
        ],
      }),
    );
    const report = await doctor({}, { integrationConfigs: [broken] });
    const integration = finding(report, 'integration');
    expect(integration.status).toBe('fail');
    expect(integration.detail).toContain('lacks gcConversationId={{gcConversationId}}');
    expect(integration.detail).toContain('under "conversation"');
    expect(integration.detail).toContain('lacks allow-downloads');
    expect(integration.detail).toContain('lacks gcLangTag');
    expect(integration.detail).toContain('hooks bootstrap and stop are not enabled');
    expect(integration.fix).toContain(`${publicUrl}${TEMPLATE}`);
    const review = finding(report, 'integration.2');
    expect(review.status).toBe('fail');
    expect(review.title).toBe('Integration "Attachments review" (standalone app)');
    expect(review.detail).toContain('lacks mode=review');
  });

  it('warns about a clock more than a minute off the servers', async () => {
    const report = await doctor({}, { now: () => Date.now() + 120_000 });
    const clock = finding(report, 'clock');
    expect(clock.status).toBe('warn');
    expect(clock.detail).toMatch(/this host's clock is 1[12]\d s ahead of /);
    expect(clock.fix).toContain('NTP');
  });

  it('runs from the command line: JSON output and exit code 0 when healthy', async () => {
    const { stdout } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      [
        'scripts/doctor.ts',
        '--json',
        '--token',
        stack.tokens.alice,
        '--integration-config',
        goodIntegration,
        '--timeout-ms',
        '3000',
      ],
      { cwd: root, env: { ...process.env, ...env } },
    );
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.ok).toBe(true);
    expect(report.findings[0]).toMatchObject({ id: 'config', status: 'pass' });
    expect(finding(report, 'storage.cors').status).toBe('pass');
  });

  it('reports a configuration the proxy would refuse as the first finding and exits with 1', async () => {
    const failure = await run(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/doctor.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', GENESYS_REGIONS: 'mypurecloud.ie' },
    }).then(
      () => undefined,
      (error: { code?: number; stdout?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const [first] = (failure?.stdout ?? '').split('\n');
    expect(first).toMatch(/^✗ Configuration: the proxy would refuse to start: /);
    expect(first).toContain('GENESYS_ORG_ID is required in production');
    expect(first).toContain('PUBLIC_URL is required in production');
    expect(first).toContain('→ Correct each setting');
  });
});
