// `npm run doctor`: checks a deployment against the real services (Genesys Cloud, the proxy, S3 or
// the store, Redis) with the proxy's own settings, and prints what is wrong and how to fix it.
// Exit code 1 when anything failed.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatJson, formatText } from './doctor/format-report.ts';
import { runDoctor } from './doctor/run-doctor.ts';

const usage = `Usage: npm run doctor -- [options]

Reads the proxy's settings (environment, CONFIG_FILE, <NAME>_FILE) and checks the deployment:
configuration, HTTPS, Genesys region and token, the integration, the running proxy, storage,
presigned links and bucket CORS, Redis, and the clock.

  --proxy-url <url>             The proxy to check (default: PUBLIC_URL)
  --token <token>               An agent's Genesys access token (checks org and OAuth client)
  --token-file <path>           The same, read from a file (keeps it out of shell history)
  --integration-config <file>   The integration's exported properties/advanced JSON (repeatable)
  --probe-key <key>             Object to test links with: a store key, or s3://<bucket>/<key>
  --region <tld>                Region to test the token in (default: first of GENESYS_REGIONS)
  --timeout-ms <ms>             Deadline of each network call (default 5000)
  --json                        Print the report as JSON
  --help`;

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    process.stderr.write('--timeout-ms must be a positive whole number of milliseconds\n');
    process.exitCode = 2;
    return;
  }
  const token = values['token-file'] ? (await readFile(values['token-file'], 'utf8')).trim() : values.token;
  const report = await runDoctor({
    env: process.env,
    proxyUrl: values['proxy-url'],
    token,
    integrationConfigs: values['integration-config'],
    probeKey: values['probe-key'],
    region: values.region,
    timeoutMs,
  });
  process.stdout.write(values.json ? formatJson(report) : formatText(report));
  process.exitCode = report.ok ? 0 : 1;
}

function parse() {
  return parseArgs({
    options: {
      'proxy-url': { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'integration-config': { type: 'string', multiple: true },
      'probe-key': { type: 'string' },
      region: { type: 'string' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`doctor: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
