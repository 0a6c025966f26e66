// Where the proxy listens, the address clients reach it at, TLS, and the widget it serves.
import type { Settings } from '../settings-schema.ts';

export interface ServerConfig {
  host: string;
  port: number;
  /** The proxy's external origin: store and relay links, stable links `<publicUrl>/ref/<key>`. */
  publicUrl: string;
  trustProxyHops: number;
  tls?: { certFile: string; keyFile: string };
  /** The built widget served at `/` (relative to the working directory). */
  widgetDir: string;
  /** Serve the widget's `*.map` files: off unless an operator opts in (docs/operations.md). */
  widgetSourceMaps: boolean;
}

export function deriveServer(s: Settings, problems: string[]): ServerConfig {
  if (s.NODE_ENV === 'production' && !s.PUBLIC_URL)
    problems.push('PUBLIC_URL is required in production, e.g. https://viewer.example.com');
  if (!!s.TLS_CERT_FILE !== !!s.TLS_KEY_FILE)
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  if (s.PORT === 0 && !s.PUBLIC_URL)
    problems.push(
      'PORT=0 lets the system pick a port, which the store and relay links this proxy mints could not name: choose a fixed PORT, or set PUBLIC_URL to the address clients reach the proxy at',
    );
  const scheme = s.TLS_CERT_FILE ? 'https' : 'http';
  return {
    host: s.HOST,
    port: s.PORT,
    publicUrl: s.PUBLIC_URL ?? `${scheme}://${s.HOST === '0.0.0.0' ? '127.0.0.1' : s.HOST}:${s.PORT}`,
    trustProxyHops: s.TRUST_PROXY_HOPS,
    tls:
      s.TLS_CERT_FILE && s.TLS_KEY_FILE ? { certFile: s.TLS_CERT_FILE, keyFile: s.TLS_KEY_FILE } : undefined,
    widgetDir: s.WIDGET_DIR,
    widgetSourceMaps: s.WIDGET_SOURCE_MAPS,
  };
}
