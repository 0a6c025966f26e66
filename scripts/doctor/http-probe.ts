// One HTTP request of the doctor: a deadline, no redirects followed (the proxy never follows any
// either), and failures turned into a sentence an admin can act on.

export interface ProbeResponse {
  status: number;
  headers: Headers;
  /** The first bytes of the body (at most `maxBody`), and the same decoded as UTF-8. */
  bytes: Uint8Array;
  text: string;
  /** Local time when the request was sent and when the answer arrived (for clock skew). */
  sentAt: number;
  receivedAt: number;
}

export interface ProbeOptions {
  method?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Keep at most this many bytes of the body (default 64 KiB). */
  maxBody?: number;
}

export class ProbeError extends Error {
  override readonly name = 'ProbeError';
  constructor(
    message: string,
    /** Node's error code when there is one (ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Sends one request; resolves for any HTTP status, rejects with a ProbeError when nothing answered. */
export async function probe(url: string, options: ProbeOptions): Promise<ProbeResponse> {
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw describeFetchError(error, url, options.timeoutMs);
  }
  const receivedAt = Date.now();
  let bytes = new Uint8Array();
  try {
    bytes = new Uint8Array(await response.arrayBuffer()).slice(0, options.maxBody ?? 65_536);
  } catch {
    // Headers are what most checks need; a broken body is reported by the check that reads it.
  }
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    text: new TextDecoder().decode(bytes),
    sentAt,
    receivedAt,
  };
}

/** `fetch` hides the reason in `cause`; bring it out (ECONNREFUSED, ENOTFOUND, certificate errors). */
export function describeFetchError(error: unknown, url: string, timeoutMs: number): ProbeError {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new ProbeError(`no answer from ${originOf(url)} within ${timeoutMs} ms`, 'ETIMEDOUT');
  const code = e?.cause?.code;
  const reason = e?.cause?.message ?? e?.message ?? String(error);
  return new ProbeError(`${originOf(url)} unreachable (${reason})`, code);
}

/** A sentence about a TLS failure code, or undefined when the code is not about certificates. */
export function certificateAdvice(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its certificate is for another host name';
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return 'its certificate is self-signed';
  if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')
    return 'its certificate chain is incomplete (serve the intermediate certificates too)';
  return undefined;
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The directives of a Content-Security-Policy header: name → sources. */
export function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** A comma-separated header as lower-case tokens (Access-Control-Allow-Methods, -Expose-Headers...). */
export function headerTokens(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}
