// Options of the sandbox org, their defaults, and the mutable settings tests change at run time.
import { randomBytes } from 'node:crypto';

export interface SandboxLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface SandboxOptions {
  /** Data folder (layout in docs/sandbox.md), e.g. sandbox/sample-org. */
  dataDir: string;
  /** Lifetime of tokens issued by /oauth/token. Default 86400 s, Genesys's default. */
  tokenTtlSeconds?: number;
  /** Lifetime of authorization codes. Default 60 s. */
  authorizationCodeTtlSeconds?: number;
  /** Lifetime of the signed URLs /api/v2/downloads hands out. Default 60 s. */
  downloadUrlTtlSeconds?: number;
  /** Redirect URIs accepted for every OAuth client besides those in oauth-clients.json. */
  extraRedirectUris?: string[];
  /** Username /oauth/authorize signs in when no login_hint is given; overrides org.json's defaultUser. */
  defaultUser?: string;
  /**
   * CORS on signed file URLs: false (default), true for any origin, or a list of exact origins.
   * Off by default because whether Genesys's signed download URLs allow cross-origin reads is unverified.
   */
  fileCors?: boolean | string[];
  /** Origin the signed download URLs point at. Default: the origin the request was sent to. */
  publicUrl?: string;
  /** HMAC key of the signed file URLs. Default: random per instance. */
  signingSecret?: Uint8Array;
  /** Clock in epoch milliseconds, for tests of expiry. */
  now?: () => number;
  logger?: SandboxLogger;
}

export interface SandboxSettings {
  tokenTtlSeconds: number;
  authorizationCodeTtlSeconds: number;
  downloadUrlTtlSeconds: number;
  extraRedirectUris: Set<string>;
  defaultUser: string | undefined;
  fileCors: boolean | string[];
  publicUrl: string | undefined;
  signingSecret: Uint8Array;
  now: () => number;
  logger: SandboxLogger;
}

export const quietLogger: SandboxLogger = {
  info: () => {},
  warn: (message) => console.warn(`[sandbox] ${message}`),
  error: (message, error) => console.error(`[sandbox] ${message}`, error ?? ''),
};

export function resolveSettings(options: SandboxOptions): SandboxSettings {
  const tokenTtlSeconds = positiveInteger('tokenTtlSeconds', options.tokenTtlSeconds ?? 86_400);
  const authorizationCodeTtlSeconds = positiveInteger(
    'authorizationCodeTtlSeconds',
    options.authorizationCodeTtlSeconds ?? 60,
  );
  const downloadUrlTtlSeconds = positiveInteger('downloadUrlTtlSeconds', options.downloadUrlTtlSeconds ?? 60);
  for (const uri of options.extraRedirectUris ?? []) absoluteUrl('extraRedirectUris', uri);
  if (options.publicUrl !== undefined) absoluteUrl('publicUrl', options.publicUrl);
  return {
    tokenTtlSeconds,
    authorizationCodeTtlSeconds,
    downloadUrlTtlSeconds,
    extraRedirectUris: new Set(options.extraRedirectUris ?? []),
    defaultUser: options.defaultUser,
    fileCors: options.fileCors ?? false,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    signingSecret: options.signingSecret ?? randomBytes(32),
    now: options.now ?? Date.now,
    logger: options.logger ?? quietLogger,
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`sandbox option ${name} must be a positive integer`);
  return value;
}

function absoluteUrl(name: string, value: string): void {
  if (!URL.canParse(value)) throw new Error(`sandbox option ${name}: "${value}" is not an absolute URL`);
}
