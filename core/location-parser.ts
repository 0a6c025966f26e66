// Turns a URL or a bare key found in conversation data into a location.
//
// The path is taken from the raw string and percent-decoded exactly once, as S3 does. The WHATWG URL
// parser is used only to validate the scheme and host: it resolves `..` and `%2e%2e` segments, which
// would rewrite the key before the proxy checks it (docs/security.md rule 1).
import type { AttachmentLocation } from './attachment-ref.ts';
import type { DetectionRules } from './detection-rules.ts';
import { isGenesysDownloadHost } from './genesys-regions.ts';

/** Query parameters that carry a signature or credential: never kept, shown or logged. */
const SECRET_PARAMS =
  /^(x-amz-[a-z-]+|awsaccesskeyid|signature|expires|x-goog-[a-z-]+|sig|se|sp|sv|sr|st|token)$/i;

const AWS_S3_HOST = /^(?:(?<bucket>.+)\.)?s3(?:[.-](?:dualstack\.)?(?<region>[a-z0-9-]+))?\.amazonaws\.com$/;

const GENESYS_DOWNLOAD_PATH = /^\/api\/v2\/downloads\/(?<id>[A-Za-z0-9-]{1,128})\/?$/;

interface RawUrl {
  scheme: string;
  /** Lower-cased host, with the port when not the default. */
  host: string;
  hostname: string;
  /** The path exactly as written, still percent-encoded. */
  rawPath: string;
  rawQuery: string;
}

/** Splits an absolute http(s) or s3 URL without normalising its path. */
export function splitUrl(input: string): RawUrl | undefined {
  const m =
    /^(?<scheme>https?|s3):\/\/(?<authority>[^/?#]*)(?<path>[^?#]*)(?:\?(?<query>[^#]*))?(?:#.*)?$/i.exec(
      input.trim(),
    );
  if (!m?.groups) return undefined;
  const scheme = (m.groups.scheme ?? '').toLowerCase();
  const authority = m.groups.authority ?? '';
  if (authority.includes('@')) return undefined; // userinfo in a storage link is never legitimate
  let parsed: URL;
  try {
    parsed = new URL(`${scheme === 's3' ? 'http' : scheme}://${authority}/`);
  } catch {
    return undefined;
  }
  if (!parsed.hostname) return undefined;
  return {
    scheme,
    host: parsed.host.toLowerCase(),
    hostname: parsed.hostname.toLowerCase(),
    rawPath: m.groups.path ?? '',
    rawQuery: m.groups.query ?? '',
  };
}

/** Percent-decodes once; undefined when the encoding is malformed (e.g. overlong UTF-8 `%C0%AE`). */
export function decodeOnce(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The URL without signature or credential parameters and without a fragment. */
export function stripSecrets(input: string): string {
  const [beforeHash = ''] = input.trim().split('#', 1);
  const q = beforeHash.indexOf('?');
  if (q < 0) return beforeHash;
  const kept = beforeHash
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '' && !SECRET_PARAMS.test(decodeOnce(pair.split('=', 1)[0] ?? '') ?? ''));
  return kept.length > 0 ? `${beforeHash.slice(0, q)}?${kept.join('&')}` : beforeHash.slice(0, q);
}

/**
 * The location a URL points at, or undefined when it is not one of this deployment's storage forms
 * (a Genesys download, a configured S3 bucket, this product's stable link).
 */
export function knownLocationOfUrl(url: string, rules: DetectionRules): AttachmentLocation | undefined {
  const proxyKey = proxyLinkKey(url, rules);
  if (proxyKey !== undefined) return { kind: 'proxy', key: proxyKey };

  const raw = splitUrl(url);
  if (!raw) return undefined;

  if (raw.scheme === 's3') {
    const key = decodeOnce(raw.rawPath.replace(/^\//, ''));
    return key !== undefined && rules.s3Buckets.includes(raw.hostname) && key !== ''
      ? { kind: 's3', bucket: raw.hostname, key }
      : undefined;
  }

  if (isGenesysDownloadHost(raw.hostname) && raw.host === raw.hostname) {
    const id = GENESYS_DOWNLOAD_PATH.exec(raw.rawPath)?.groups?.id;
    return id ? { kind: 'genesys', downloadId: id, host: raw.hostname } : undefined;
  }

  const s3 = s3BucketAndRawKey(raw, rules);
  if (s3) {
    const key = decodeOnce(s3.rawKey);
    if (key === undefined || key === '' || !rules.s3Buckets.includes(s3.bucket)) return undefined;
    return { kind: 's3', bucket: s3.bucket, key };
  }
  return undefined;
}

/** Like knownLocationOfUrl, but any other absolute http(s) URL becomes an external reference. */
export function locationOfUrl(url: string, rules: DetectionRules): AttachmentLocation | undefined {
  const known = knownLocationOfUrl(url, rules);
  if (known) return known;
  const raw = splitUrl(url);
  if (!raw || raw.scheme === 's3') return undefined;
  return { kind: 'external', url: stripSecrets(url) };
}

/** Host of a Genesys download named by a path on the caller's own API instead of a URL. */
export const RELATIVE_DOWNLOAD_HOST = 'relative';

/**
 * A path relative to the Platform API, as some email attachments' `contentPath` are: a download
 * (`/api/v2/downloads/<id>`) is the same Genesys-hosted file as its absolute URL; anything else is
 * not a location.
 */
export function locationOfApiPath(path: string): AttachmentLocation | undefined {
  const id = GENESYS_DOWNLOAD_PATH.exec(path.trim().split(/[?#]/, 1)[0] ?? '')?.groups?.id;
  return id ? { kind: 'genesys', downloadId: id, host: RELATIVE_DOWNLOAD_HOST } : undefined;
}

/** A URL, or a bare key in the configured bare-key backend. */
export function locationOfValue(value: string, rules: DetectionRules): AttachmentLocation | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return locationOfUrl(v, rules);
  return rules.bareKeys.kind === 's3'
    ? { kind: 's3', bucket: rules.bareKeys.bucket, key: v }
    : { kind: 'store', key: v };
}

function proxyLinkKey(url: string, rules: DetectionRules): string | undefined {
  const trimmed = url.trim();
  for (const base of rules.proxyLinkBases) {
    // Scheme and host compare case-insensitively, the path exactly.
    const originEnd = base.indexOf('/', base.indexOf('//') + 2);
    const origin = base.slice(0, originEnd).toLowerCase();
    if (trimmed.slice(0, originEnd).toLowerCase() !== origin) continue;
    if (!trimmed.startsWith(base.slice(originEnd), originEnd)) continue;
    const rawKey = trimmed.slice(base.length).split(/[?#]/, 1)[0] ?? '';
    const key = decodeOnce(rawKey);
    if (key) return key;
  }
  return undefined;
}

function s3BucketAndRawKey(
  raw: RawUrl,
  rules: DetectionRules,
): { bucket: string; rawKey: string } | undefined {
  const aws = AWS_S3_HOST.exec(raw.hostname);
  const customPathStyle = rules.s3Hosts.includes(raw.host);
  if (!aws && !customPathStyle) return undefined;
  const virtualBucket = aws?.groups?.bucket;
  if (virtualBucket) return { bucket: virtualBucket, rawKey: raw.rawPath.replace(/^\//, '') };
  // Path style: /<bucket>/<key>
  const m = /^\/(?<bucket>[^/]+)\/(?<key>.+)$/.exec(raw.rawPath);
  if (!m?.groups?.bucket || m.groups.key === undefined) return undefined;
  const bucket = decodeOnce(m.groups.bucket);
  return bucket ? { bucket, rawKey: m.groups.key } : undefined;
}

/** The last path segment of a key or URL path, decoded, for a display name. */
export function lastSegment(path: string): string {
  const segs = path.split('/').filter((s) => s !== '');
  return segs[segs.length - 1] ?? '';
}
