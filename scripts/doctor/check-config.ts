// The proxy's own configuration, read exactly as the proxy reads it, and the settings a production
// deployment needs beyond what parseConfig enforces.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../core/validation-error.ts';
import { type Config, parseConfig } from '../../proxy/config/config-schema.ts';
import { readSettings } from '../../proxy/config/read-settings.ts';
import { type Finding, fromProblems, type Problem } from './finding.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Reads and validates the settings; a failure is the first finding, with what to change. */
export function checkConfig(env: Record<string, string | undefined>): {
  config?: Config;
  settings?: Record<string, string | undefined>;
  finding: Finding;
} {
  try {
    const settings = readSettings(env as NodeJS.ProcessEnv);
    const config = parseConfig(settings);
    const storage = [config.store ? `store ${config.store.dir}` : '', config.s3 ? 's3' : '']
      .filter(Boolean)
      .join(' + ');
    return {
      config,
      settings,
      finding: {
        id: 'config',
        title: 'Configuration',
        status: 'pass',
        detail: `valid (${config.env}; regions ${config.genesys.regions.map((r) => r.tld).join(', ')}; storage ${storage})`,
      },
    };
  } catch (error) {
    const issues = error instanceof ValidationError ? error.issues : [(error as Error).message];
    return {
      finding: {
        id: 'config',
        title: 'Configuration',
        status: 'fail',
        detail: `the proxy would refuse to start: ${issues.join('; ')}`,
        fix: 'Correct each setting named above (the message says how), in the environment or the CONFIG_FILE; the proxy reads the same settings. Every other check needs a valid configuration.',
      },
    };
  }
}

/** HTTPS, the TLS certificate the proxy serves itself, and the reverse-proxy hop count. */
export async function checkHttps(config: Config): Promise<Finding> {
  const problems: Problem[] = [];
  const publicUrl = new URL(config.publicUrl);
  const production = config.env === 'production';
  let detail = `PUBLIC_URL ${config.publicUrl}`;
  if (publicUrl.protocol !== 'https:') {
    if (production || !LOOPBACK.has(publicUrl.hostname))
      problems.push({
        status: production ? 'fail' : 'warn',
        detail: `PUBLIC_URL ${config.publicUrl} is not HTTPS: Genesys Cloud loads client apps only over HTTPS and browsers block the mixed content.`,
        fix: 'Serve the proxy over HTTPS (TLS_CERT_FILE and TLS_KEY_FILE, or a TLS-terminating load balancer in front) and set PUBLIC_URL=https://<host>.',
      });
    else detail += ' (plain HTTP on loopback: development only)';
  }
  if (config.tls) {
    problems.push(...(await certificateProblems(config.tls, publicUrl.hostname)));
    detail += `; TLS terminated by the proxy (${config.tls.certFile})`;
  } else if (publicUrl.protocol === 'https:') {
    detail += '; TLS terminated in front of the proxy';
    if (config.trustProxyHops === 0)
      problems.push({
        status: 'warn',
        detail:
          'TLS is terminated in front of the proxy but TRUST_PROXY_HOPS is 0: per-address rate limits and audit records see the load balancer, not the agent.',
        fix: 'Set TRUST_PROXY_HOPS to the exact number of reverse proxies in front (usually 1).',
      });
  }
  return fromProblems('deployment.https', 'HTTPS', problems, detail);
}

async function certificateProblems(
  tls: NonNullable<Config['tls']>,
  hostname: string,
  now = Date.now(),
): Promise<Problem[]> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(await readFile(tls.certFile));
  } catch (error) {
    return [
      {
        status: 'fail',
        detail: `TLS_CERT_FILE ${tls.certFile} is not a readable PEM certificate (${(error as Error).message}).`,
        fix: 'Point TLS_CERT_FILE at the PEM certificate chain (leaf first) of the proxy’s host name.',
      },
    ];
  }
  const problems: Problem[] = [];
  try {
    const key = createPrivateKey(await readFile(tls.keyFile));
    if (!cert.checkPrivateKey(key))
      problems.push({
        status: 'fail',
        detail: `TLS_KEY_FILE ${tls.keyFile} is not the private key of TLS_CERT_FILE.`,
        fix: 'Use the key the certificate was issued for.',
      });
  } catch (error) {
    problems.push({
      status: 'fail',
      detail: `TLS_KEY_FILE ${tls.keyFile} is not a readable PEM private key (${(error as Error).message}).`,
      fix: 'Point TLS_KEY_FILE at the certificate’s unencrypted PEM private key, readable by the proxy only.',
    });
  }
  const validTo = Date.parse(cert.validTo);
  const days = Math.floor((validTo - now) / 86_400_000);
  if (validTo < now)
    problems.push({
      status: 'fail',
      detail: `the certificate expired on ${cert.validTo}.`,
      fix: 'Renew the certificate and restart the proxy.',
    });
  else if (days < 14)
    problems.push({
      status: 'warn',
      detail: `the certificate expires in ${days} days (${cert.validTo}).`,
      fix: 'Renew the certificate before it expires and restart the proxy.',
    });
  if (!LOOPBACK.has(hostname) && cert.checkHost(hostname) === undefined)
    problems.push({
      status: 'fail',
      detail: `the certificate does not cover ${hostname} (${cert.subjectAltName ?? cert.subject}).`,
      fix: `Use a certificate whose subject alternative names include ${hostname}.`,
    });
  return problems;
}

/** The settings that decide who may sign in and whether links survive restarts and replicas. */
export function checkSettings(config: Config, settings: Record<string, string | undefined>): Finding {
  const problems: Problem[] = [];
  if (!config.genesys.oauthClientId)
    problems.push({
      status: 'fail',
      detail:
        'GENESYS_OAUTH_CLIENT_ID is not set: /widget-config.json has no client id and the widget cannot sign agents in.',
      fix: 'Set GENESYS_OAUTH_CLIENT_ID to the widget’s Code Authorization (PKCE) client (Terraform output oauth_client_id, or Admin > Integrations > OAuth).',
    });
  if (!config.genesys.orgId)
    problems.push({
      status: 'warn',
      detail: 'GENESYS_ORG_ID is not set: tokens of any Genesys organization are accepted.',
      fix: 'Set GENESYS_ORG_ID to your organization id (Admin > Organization Settings; the token check below prints it).',
    });
  if (!settings.LINK_SIGNING_KEYS)
    problems.push({
      status: 'warn',
      detail:
        'LINK_SIGNING_KEYS is not set: a random key is used, so store and relay links break when the proxy restarts and differ between replicas.',
      fix: "Generate a key (node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64url'))\") and give every replica the same LINK_SIGNING_KEYS.",
    });
  if (config.genesys.downloadHosts.length === 0 && !config.genesys.apiBaseOverride)
    problems.push({
      status: 'warn',
      detail:
        'GENESYS_DOWNLOAD_HOSTS is empty: links to Genesys-hosted files (web messaging photos and documents, email attachments) fail with 502, because the proxy only fetches signed download URLs on listed hosts.',
      fix: 'Call GET /api/v2/downloads/<downloadId>?issueRedirect=false once with an agent token, and put the host of the url it returns into GENESYS_DOWNLOAD_HOSTS.',
    });
  if (config.genesys.apiBaseOverride)
    problems.push({
      status: 'warn',
      detail: `GENESYS_API_BASE points at a sandbox org (${config.genesys.apiBaseOverride}), not Genesys Cloud.`,
      fix: 'Remove GENESYS_API_BASE for a real deployment (production refuses it) and set GENESYS_REGIONS.',
    });
  const pinned = [
    config.genesys.orgId ? `organization ${config.genesys.orgId}` : '',
    config.genesys.oauthClientId ? `OAuth client ${config.genesys.oauthClientId}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return fromProblems(
    'deployment.settings',
    'Sign-in and signing settings',
    problems,
    `pinned to ${pinned}; ${config.signingKeys.length} link signing key(s), ${config.signingKeys[0]?.id} signs`,
  );
}
