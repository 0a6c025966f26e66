// `npm start`: the whole product on one machine with no account anywhere: the sandbox Genesys org,
// the proxy with the embedded local store and the built widget, and a demo desktop that frames the
// widget the way Agent Workspace does. Prints what to open and a working link per sample file.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { StatusResponse } from '../core/proxy-api.ts';
import { parseConfig } from '../proxy/config/config-schema.ts';
import { readSettings } from '../proxy/config/read-settings.ts';
import { startProxy } from '../proxy/server.ts';
import { sampleOAuthClientId, sampleProxySettings, sandboxTokens } from '../sandbox/sample-data/manifest.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { demoDesktopOrigin, startDemoDesktop } from './demo-desktop.ts';
import { startSwiftWithSamples, swiftS3Settings } from './local-stack/stack.ts';
import { type SwiftServer, swiftInstalled } from './local-stack/swift.ts';

const root = join(import.meta.dirname, '..');
const SAMPLE_TOKEN = sandboxTokens.alice;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'no-build': { type: 'boolean' }, quiet: { type: 'boolean' }, 'no-s3': { type: 'boolean' } },
  });
  const env = readSettings();
  const proxyPort = Number(env.PORT ?? 8080);
  const sandboxPort = Number(env.SANDBOX_PORT ?? 8081);
  const desktopPort = Number(env.DEMO_DESKTOP_PORT ?? 8082);
  const dataDir = env.SANDBOX_DATA ?? join(root, 'sandbox', 'sample-org');

  if (!values['no-build']) {
    info('Building the widget…');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  }

  const sandbox = await startSandbox({ dataDir, port: sandboxPort });
  const desktopOrigin = demoDesktopOrigin(desktopPort);
  const widgetOrigins = [`http://127.0.0.1:${proxyPort}`, `http://localhost:${proxyPort}`];
  // The same Swift the tests use, with the sample buckets, when the test setup's packages are here.
  const swift = await startDemoSwift(widgetOrigins, values['no-s3'] === true);
  const config = parseConfig({
    // Demo defaults: every one can be overridden from the environment (see README).
    LOG_LEVEL: 'warn',
    PORT: String(proxyPort),
    ...sampleProxySettings(sandbox.url, dataDir),
    GENESYS_OAUTH_CLIENT_ID: sampleOAuthClientId,
    // The desktop's address (localhost), and 127.0.0.1 for whoever opens it by that one.
    EXTRA_FRAME_ANCESTORS: `${desktopOrigin},http://127.0.0.1:${desktopPort}`,
    AUDIT_LOG_DIR: join(root, '.data', 'audit'),
    // Office files, HEIC photos and TIFF faxes open through renditions kept here (docs/renditions.md).
    RENDITIONS_DIR: join(root, '.data', 'renditions'),
    LINK_SIGNING_KEYS: `demo:${randomBytes(32).toString('base64url')}`,
    ...(swift ? swiftS3Settings(swift) : {}),
    ...env,
  });
  const proxy = await startProxy(config, swift ? {} : { sandboxNotice: 'no-s3' });
  const widgetUrl = `http://127.0.0.1:${proxyPort}/`;
  const desktop = await startDemoDesktop({
    port: desktopPort,
    widgetUrl,
    dataDir,
    loginUrl: sandbox.url,
    sandboxUrl: sandbox.url,
  });

  info('');
  info(`Sandbox Genesys org   ${sandbox.url}   (token for alice: ${SAMPLE_TOKEN})`);
  info(`Proxy and widget      ${proxy.url}`);
  info(`Demo desktop          ${desktop.url}   ← open this`);
  info(
    swift
      ? `S3 (Swift)            ${swift.endpoint}   buckets av-clean, av-quarantine with the sample objects`
      : `S3                    not running: ${noSwiftReason(values['no-s3'] === true)}`,
  );
  info('');
  if (!values.quiet) await printSampleLinks(proxy.url, dataDir);
  info('Press Ctrl+C to stop.');

  const stop = async () => {
    await Promise.allSettled([desktop.close(), proxy.close(), sandbox.close(), swift?.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Swift with the sample buckets, or undefined (and why, on the console) when it cannot run here. */
async function startDemoSwift(corsOrigins: string[], skip: boolean): Promise<SwiftServer | undefined> {
  if (skip || !swiftInstalled()) return undefined;
  info('Starting Swift (S3) with the sample buckets…');
  try {
    return await startSwiftWithSamples(corsOrigins);
  } catch (error) {
    info(
      `Swift did not start (${error instanceof Error ? error.message : String(error)}); going on without S3.`,
    );
    return undefined;
  }
}

function noSwiftReason(skipped: boolean): string {
  return skipped
    ? 'started with --no-s3, so the files of the sample S3 buckets (conversation …0e02) are listed as external links and do not open.'
    : 'Swift is not installed, so the files of the sample S3 buckets (conversation …0e02) are listed as external links and do not open. To open them, install the test setup’s system packages (sudo bash .ci/install-test-deps) and run npm start again.';
}

/** For each sample conversation: its references, and a freshly minted link for each available one. */
async function printSampleLinks(proxyUrl: string, dataDir: string): Promise<void> {
  const headers = { authorization: `Bearer ${SAMPLE_TOKEN}`, 'content-type': 'application/json' };
  for (const conversationId of await readdir(join(dataDir, 'conversations'))) {
    const res = await fetch(`${proxyUrl}/api/v1/conversations/${conversationId}/attachments`, { headers });
    if (!res.ok) {
      info(`Conversation ${conversationId}: ${res.status} ${await res.text()}`);
      continue;
    }
    const { attachments } = (await res.json()) as StatusResponse;
    info(`Conversation ${conversationId}: ${attachments.length} attachments`);
    for (const a of attachments) {
      const name = a.attachment.fileName.padEnd(28).slice(0, 28);
      if (a.availability !== 'available') {
        info(
          `  ${name} ${a.attachment.location.kind.padEnd(8)} ${a.availability}${a.reason ? ` (${a.reason})` : ''}`,
        );
        continue;
      }
      const link = await fetch(`${proxyUrl}/api/v1/links`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ conversationId, attachmentId: a.attachment.id }),
      });
      const body = (await link.json()) as { url?: string; error?: { code: string } };
      info(`  ${name} ${a.attachment.location.kind.padEnd(8)} ${body.url ?? `refused: ${body.error?.code}`}`);
    }
  }
  info('');
}

function info(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
