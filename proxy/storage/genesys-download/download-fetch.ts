// Fetching Genesys's signed download URLs: only on allowlisted hosts, never following redirects,
// within a deadline; used to sniff a file's first bytes and to relay its body.
import { errors } from '../../errors.ts';

export function isAllowed(url: string, hosts: readonly string[]): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'https:' || u.protocol === 'http:') &&
      !u.username &&
      hosts.includes(u.host.toLowerCase())
    );
  } catch {
    return false;
  }
}

/**
 * GET on an allowlisted host, redirects not followed. The deadline covers the response headers;
 * the body is the caller's (a relay may stream a large file for longer).
 */
export async function fetchAllowed(
  url: string,
  options: { allowedHosts: string[]; timeoutMs: number },
  headers: { range?: string } = {},
  signal?: AbortSignal,
): Promise<Response> {
  if (!isAllowed(url, options.allowedHosts))
    throw errors.upstreamBadResponse('download URL on a host not allowed');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), options.timeoutMs);
  signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  try {
    return await fetch(url, {
      redirect: 'manual',
      headers: headers.range ? { range: headers.range } : {},
      signal: controller.signal,
    });
  } catch (error) {
    throw errors.storageUnavailable(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads at most `maxBytes` of a body, bounded in time, and lets go of the rest: a server that ignores
 * our Range answers 200 with the whole file, which must not be buffered to sniff its first bytes.
 */
export async function readBodyHead(
  response: Response,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const head = new Uint8Array(maxBytes);
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return head.subarray(0, 0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(errors.storageUnavailable(new Error('body timed out'))), timeoutMs);
  });
  try {
    while (length < maxBytes) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      const take = value.subarray(0, maxBytes - length);
      head.set(take, length);
      length += take.length;
    }
    return head.subarray(0, length);
  } catch (error) {
    throw error instanceof Error && 'code' in error ? error : errors.storageUnavailable(error);
  } finally {
    clearTimeout(timer);
    // Whatever is left (all of it past maxBytes when Range was ignored) is never downloaded.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * When a signed download URL stops working, in Unix seconds, if the URL says: SigV4's
 * `X-Amz-Date` + `X-Amz-Expires`, or an epoch `Expires`/`expires` parameter (SigV2, CloudFront, the
 * sandbox's sandbox/files/signed-file-url.ts). Undefined when it does not say.
 */
export function downloadUrlExpiry(url: string): number | undefined {
  const params = new URL(url).searchParams;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
  const amzExpires = params.get('X-Amz-Expires');
  if (date && amzExpires && /^\d{1,7}$/.test(amzExpires)) {
    const [, y, mo, d, h, mi, se] = date.map(Number) as number[];
    return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, se) / 1000 + Number(amzExpires);
  }
  const epoch = params.get('Expires') ?? params.get('expires');
  return epoch && /^\d{9,12}$/.test(epoch) ? Number(epoch) : undefined;
}
