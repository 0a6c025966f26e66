// Runs every check in order and returns the findings: configuration first (nothing else runs on a
// configuration the proxy would refuse), then Genesys, the integration, the proxy, storage, Redis,
// renditions (the converters or the queue's workers, and their S3 storage), and the clock, which
// compares the Date headers every earlier answer carried.
import { checkClock } from './check-clock.ts';
import { checkConfig, checkHttps, checkSettings } from './check-config.ts';
import { checkConverters } from './check-converters.ts';
import { checkCors } from './check-cors.ts';
import { checkDownloadCsp } from './check-download-csp.ts';
import { checkRegions, checkToken } from './check-genesys.ts';
import { checkIntegration, type IntegrationEntry, loadIntegrationConfigs } from './check-integration.ts';
import { checkS3RoundTrip, checkStoreRoundTrip } from './check-links.ts';
import { checkApiHeaders, checkProxyHealth, checkWidgetPage } from './check-proxy.ts';
import { checkRedis } from './check-redis.ts';
import { checkRenditionStorage } from './check-rendition-storage.ts';
import { checkS3Buckets, checkStoreDir } from './check-storage.ts';
import { checkStorageCsp } from './check-storage-csp.ts';
import type { DoctorContext, DoctorOptions } from './doctor-context.ts';
import { type Finding, skip } from './finding.ts';

export type { DoctorOptions };

export interface DoctorReport {
  /** False when any finding failed. */
  ok: boolean;
  findings: Finding[];
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const findings: Finding[] = [];
  const { config, settings, finding } = checkConfig(options.env);
  findings.push(finding);

  const integrations = await integrationFindings(options.integrationConfigs ?? [], config);
  findings.push(...integrations.findings);

  if (!config || !settings) {
    findings.push(skip('checks', 'Deployment checks', 'skipped: they need a valid configuration'));
    return report(findings);
  }
  const context: DoctorContext = {
    config,
    options,
    timeoutMs: options.timeoutMs ?? 5_000,
    proxyUrl: (options.proxyUrl ?? config.publicUrl).replace(/\/+$/, ''),
    proxyReachable: false,
    dates: [],
    reviewApp: integrations.entries.some((e) => e.type === 'embedded-client-app'),
  };
  findings.push(await checkHttps(config), checkSettings(config, settings));
  findings.push(await checkRegions(context), ...(await checkToken(context)));
  findings.push(
    await checkProxyHealth(context),
    await checkWidgetPage(context),
    await checkApiHeaders(context),
  );
  for (const step of [
    checkS3Buckets,
    checkStoreDir,
    checkS3RoundTrip,
    checkStoreRoundTrip,
    checkCors,
    checkStorageCsp,
    checkDownloadCsp,
  ]) {
    const result = await step(context);
    if (result) findings.push(result);
  }
  findings.push(await checkRedis(context), await checkConverters(context));
  const renditionStorage = await checkRenditionStorage(context);
  if (renditionStorage) findings.push(renditionStorage);
  findings.push(checkClock(context));
  return report(findings);
}

async function integrationFindings(
  paths: string[],
  config: DoctorContext['config'] | undefined,
): Promise<{ findings: Finding[]; entries: IntegrationEntry[] }> {
  if (paths.length === 0)
    return {
      entries: [],
      findings: [
        skip(
          'integration',
          'Integration',
          'skipped: pass --integration-config <file.json> (the integration’s properties and advanced, as exported) to check the URL template and iframe sandbox',
        ),
      ],
    };
  const findings: Finding[] = [];
  let entries: IntegrationEntry[] = [];
  for (const path of paths) {
    try {
      entries = [...entries, ...(await loadIntegrationConfigs(path))];
    } catch (error) {
      findings.push({
        id: 'integration',
        title: 'Integration',
        status: 'fail',
        detail: (error as Error).message,
        fix: 'Export the integration’s configuration as JSON: {"properties": {...}, "advanced": {...}} (GET /api/v2/integrations/{id}/config/current).',
      });
    }
  }
  entries.forEach((entry, i) => {
    findings.push(checkIntegration(entry, config, i));
  });
  return { findings, entries };
}

function report(findings: Finding[]): DoctorReport {
  return { ok: findings.every((f) => f.status !== 'fail'), findings };
}
