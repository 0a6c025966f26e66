// The only place the proxy reads its environment. Settings come from an optional JSON file
// (CONFIG_FILE), then the environment, which wins; any setting may instead be given as
// `<NAME>_FILE` naming a file that holds the value (Docker/Kubernetes secrets).
import { readFileSync } from 'node:fs';
import { settingNames } from './settings-schema.ts';

const known = new Set<string>(settingNames);

export function readSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = {};
  if (env.CONFIG_FILE) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(env.CONFIG_FILE, 'utf8'));
    } catch (error) {
      throw new Error(
        `CONFIG_FILE ${env.CONFIG_FILE} could not be read as JSON: ${(error as Error).message}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(
        `CONFIG_FILE ${env.CONFIG_FILE} must hold one JSON object of settings, e.g. {"GENESYS_REGIONS": "mypurecloud.ie"}`,
      );
    for (const [k, v] of Object.entries(parsed)) settings[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    // Only our own settings: other tools' *_FILE variables (TF_CLI_CONFIG_FILE…) are not secrets of ours.
    if (k.endsWith('_FILE') && known.has(k.slice(0, -'_FILE'.length))) {
      try {
        settings[k.slice(0, -'_FILE'.length)] = readFileSync(v, 'utf8').trim();
      } catch (error) {
        throw new Error(`${k}: could not read ${v}: ${(error as Error).message}`);
      }
    } else settings[k] = v;
  }
  return settings;
}

/**
 * A process's configuration from its settings, or, when they are wrong, the message that says how
 * to fix them on stderr and exit code 1 (the proxy's and the converter worker's start).
 */
export function configOrExit<T>(parse: (settings: Record<string, string | undefined>) => T): T {
  try {
    return parse(readSettings());
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
