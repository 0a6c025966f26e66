// What the checks share: the validated configuration, the command-line options, and what earlier
// checks learnt (whether the proxy answers, a presigned URL to test CORS with, server clocks).
import type { Config } from '../../proxy/config/config-schema.ts';

export interface DoctorOptions {
  /** Where settings come from, as the proxy reads them (process.env, with CONFIG_FILE and *_FILE). */
  env: Record<string, string | undefined>;
  /** The proxy to check; defaults to PUBLIC_URL. */
  proxyUrl?: string;
  /** A Genesys access token of an agent, to check the region, the organization and the OAuth client. */
  token?: string;
  /** JSON files holding an integration's properties/advanced as exported from Genesys. */
  integrationConfigs?: string[];
  /** An object to test links with: a key of the first clean bucket (or `s3://bucket/key`), or a store key. */
  probeKey?: string;
  /** Which configured region to test the token in (default: the first of GENESYS_REGIONS). */
  region?: string;
  /** Deadline of every network call (default 5000 ms). */
  timeoutMs?: number;
  /** The local clock (tests simulate a skewed one). */
  now?: () => number;
}

/** A server's `Date` header next to the local time of the exchange. */
export interface DateSample {
  source: string;
  serverTime: number;
  sentAt: number;
  receivedAt: number;
}

export interface DoctorContext {
  config: Config;
  options: DoctorOptions;
  timeoutMs: number;
  proxyUrl: string;
  /** Set by the proxy check: later checks that go through the proxy skip when it does not answer. */
  proxyReachable: boolean;
  dates: DateSample[];
  /** A standalone review app is among the integrations checked (its list needs the analytics scope). */
  reviewApp: boolean;
  /** Set by the widget page check: the directives of the page's Content-Security-Policy. */
  widgetCsp?: Map<string, string[]>;
  /** Set by the S3 round trip: the presigned URL of a real object and whether its GET worked. */
  s3Probe?: { bucket: string; key: string; url: string; fetched: boolean };
}

/** Records the `Date` header of an answer, if it has a valid one. */
export function recordDate(
  context: Pick<DoctorContext, 'dates'>,
  source: string,
  answer: { headers: Headers; sentAt: number; receivedAt: number },
): void {
  const serverTime = Date.parse(answer.headers.get('date') ?? '');
  if (Number.isFinite(serverTime))
    context.dates.push({ source, serverTime, sentAt: answer.sentAt, receivedAt: answer.receivedAt });
}
