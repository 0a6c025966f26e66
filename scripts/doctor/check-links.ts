// A link minted exactly as the proxy mints it, then fetched: an S3 presigned GET of a real object
// (signature, credentials, public endpoint, clock), and a store link served by the running proxy
// (the proxy holds the same LINK_SIGNING_KEYS and STORE_DIR as these settings).

import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AttachmentLocation } from '../../core/attachment-ref.ts';
import { ProxyError } from '../../proxy/errors.ts';
import { LinkSigner } from '../../proxy/storage/link-signer.ts';
import { LocalStoreBackend } from '../../proxy/storage/local-store/local-store-backend.ts';
import type { LinkOptions, MintedLink, StoredObject } from '../../proxy/storage/storage-backend.ts';
import { type DoctorContext, recordDate } from './doctor-context.ts';
import { type Finding, fromProblems, type Problem, skip } from './finding.ts';
import { type ProbeResponse, probe } from './http-probe.ts';
import { s3BackendFor, s3ClientFor, s3ErrorText, s3Status } from './s3-client.ts';

const PROBE_TTL_SECONDS = 60;

/** Presign a GET for a real object with the proxy's own code and fetch its first byte. */
export async function checkS3RoundTrip(context: DoctorContext): Promise<Finding | undefined> {
  const { config } = context;
  const s3 = config.s3;
  const backend = s3BackendFor(config);
  if (!s3 || !backend) return undefined;
  const id = 'storage.s3-link';
  const title = 'S3 presigned link round trip';
  const [cleanBucket] = s3.buckets;
  if (!cleanBucket) return skip(id, title, 'skipped: no clean bucket configured');

  let bucket = cleanBucket;
  let key: string | undefined;
  const given = context.options.probeKey;
  if (given?.startsWith('s3://')) {
    const rest = given.slice('s3://'.length);
    bucket = rest.slice(0, rest.indexOf('/'));
    key = rest.slice(rest.indexOf('/') + 1);
  } else if (given && !config.store) key = given;
  if (!key) {
    const client = s3ClientFor(s3, context.timeoutMs);
    try {
      const listing = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 100 }));
      key = listing.Contents?.find((o) => o.Key && !o.Key.endsWith('/') && (o.Size ?? 0) > 0)?.Key;
    } catch (error) {
      return {
        id,
        title,
        status: s3Status(error) === 403 ? 'warn' : 'fail',
        detail: `listing ${bucket} to find an object failed: ${s3ErrorText(error)}.`,
        fix: 'Name an object with --probe-key s3://<bucket>/<key> (the proxy itself never lists), or grant s3:ListBucket.',
      };
    } finally {
      client.destroy();
    }
    if (!key)
      return skip(id, title, `skipped: ${bucket} holds no object; pass --probe-key s3://<bucket>/<key>`);
  }

  const location = { kind: 's3', bucket, key } satisfies AttachmentLocation;
  let object: StoredObject;
  try {
    object = await backend.inspect(location);
  } catch (error) {
    return { id, title, ...inspectProblem(error, `s3://${bucket}/${key}`, bucket) };
  }
  const problems: Problem[] = [...verdictProblems(context, object, `s3://${bucket}/${key}`)];
  const { url, answer, error } = await mintAndFetchFirstByte(context, backend, location, object);
  context.s3Probe = { bucket, key, url, fetched: false };
  const linkOrigin = new URL(url).origin;
  if (answer === undefined) {
    problems.push({
      status: 'fail',
      detail: `the presigned URL's host does not answer: ${error.message}.`,
      fix: `Browsers fetch links from ${linkOrigin}: set S3_PUBLIC_ENDPOINT to an endpoint they (and this host) can reach, or leave it unset for AWS.`,
    });
    return fromProblems(id, title, problems, '');
  }
  recordDate(context, linkOrigin, answer);
  if ((answer.status === 206 || answer.status === 200) && sameFirstByte(answer, object)) {
    context.s3Probe.fetched = true;
  } else problems.push(presignedProblem(answer, linkOrigin));
  return fromProblems(
    id,
    title,
    problems,
    `presigned GET of s3://${bucket}/${key} via ${linkOrigin} returned its first byte (${answer.status}); scan verdict ${object.scan}`,
  );
}

/** Mint a store link with these settings' signing key and have the running proxy serve it. */
export async function checkStoreRoundTrip(context: DoctorContext): Promise<Finding | undefined> {
  const store = context.config.store;
  if (!store) return undefined;
  const id = 'storage.store-link';
  const title = 'Store link round trip through the proxy';
  if (!context.proxyReachable) return skip(id, title, 'skipped: the proxy does not answer');
  const given = context.options.probeKey;
  const key = given && !given.startsWith('s3://') ? given : await firstStoreKey(store.dir);
  if (!key) return skip(id, title, `skipped: ${store.dir} holds no file; pass --probe-key <key>`);
  const backend = new LocalStoreBackend({
    dir: store.dir,
    publicUrl: context.proxyUrl,
    signer: new LinkSigner(context.config.signingKeys, 'store'),
    servesProxyLinks: false,
  });
  const location = { kind: 'store', key } satisfies AttachmentLocation;
  let object: StoredObject;
  try {
    object = await backend.inspect(location);
  } catch (error) {
    return { id, title, ...inspectProblem(error, `store key ${key}`, store.dir) };
  }
  const problems = verdictProblems(context, object, `store key ${key}`);
  const { answer, error } = await mintAndFetchFirstByte(context, backend, location, object);
  if (answer === undefined) {
    problems.push({
      status: 'fail',
      detail: `the proxy did not answer the link: ${error.message}.`,
      fix: 'Read the proxy’s log.',
    });
    return fromProblems(id, title, problems, '');
  }
  const keyId = context.config.signingKeys[0]?.id;
  if (answer.status === 403)
    problems.push({
      status: 'fail',
      detail: `the proxy refused a link signed with key "${keyId}" of LINK_SIGNING_KEYS (403 invalid_link): it runs with other signing keys, so links minted by one replica fail on another.`,
      fix: 'Give every replica (and this host) the same LINK_SIGNING_KEYS and restart them; during a rotation the new key goes last everywhere first, then first.',
    });
  else if (answer.status === 404)
    problems.push({
      status: 'fail',
      detail: `the proxy has no file for ${key}, which is in ${store.dir} here: its STORE_DIR is another folder.`,
      fix: 'Give every replica the same STORE_DIR (a shared volume).',
    });
  else if ((answer.status !== 206 && answer.status !== 200) || !sameFirstByte(answer, object))
    problems.push({
      status: 'fail',
      detail: `the proxy answered the link with ${answer.status}${answer.status < 300 ? ' but other bytes than the file holds' : ''}.`,
      fix: 'Read the proxy’s log for the request.',
    });
  return fromProblems(
    id,
    title,
    problems,
    `a link for ${key} signed with key "${keyId}" was served by the proxy (${answer.status}); scan verdict ${object.scan}`,
  );
}

type FirstByteAnswer = { url: string } & (
  | { answer: ProbeResponse; error?: undefined }
  | { answer?: undefined; error: Error }
);

/**
 * Mints a short-lived inline link to the object with the proxy's own code and asks for its first
 * byte; `error` when nothing answered.
 */
async function mintAndFetchFirstByte(
  context: DoctorContext,
  backend: {
    mint(location: AttachmentLocation, object: StoredObject, options: LinkOptions): Promise<MintedLink>;
  },
  location: AttachmentLocation & { key: string },
  object: StoredObject,
): Promise<FirstByteAnswer> {
  const { url } = await backend.mint(location, object, {
    disposition: 'inline',
    contentType: 'application/octet-stream',
    fileName: basename(location.key),
    ttlSeconds: PROBE_TTL_SECONDS,
  });
  try {
    return {
      url,
      answer: await probe(url, { timeoutMs: context.timeoutMs, headers: { range: 'bytes=0-0' } }),
    };
  } catch (error) {
    return { url, error: error as Error };
  }
}

async function firstStoreKey(dir: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.endsWith('.scan.json') && !e.name.startsWith('.'))
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
  } catch {
    return undefined;
  }
  return entries[0];
}

/** The answer starts with the object's first byte (a 206 for bytes=0-0, or a 200 with everything). */
function sameFirstByte(answer: ProbeResponse, object: StoredObject): boolean {
  return object.head.length === 0 || (answer.bytes.length > 0 && answer.bytes[0] === object.head[0]);
}

function verdictProblems(context: DoctorContext, object: StoredObject, what: string): Problem[] {
  if (!context.config.scan.required || object.scan !== 'unscanned') return [];
  const s3 = what.startsWith('s3://');
  return [
    {
      status: 'warn',
      detail: `${what} has no scan verdict: with SCAN_REQUIRED=true the proxy refuses links to it (403 scan_pending).`,
      fix: s3
        ? `Check that the scanner writes x-amz-meta-${context.config.scan.metadataName} or the ${context.config.scan.tagName} tag on every object (and that the proxy may read tags: s3:GetObjectTagging), or use the quarantine/clean bucket split.`
        : `Write ${what.replace('store key ', '')}.scan.json with {"status":"clean"} when the scanner clears the file.`,
    },
  ];
}

function inspectProblem(error: unknown, what: string, where: string): Omit<Finding, 'id' | 'title'> {
  if (error instanceof ProxyError && error.code === 'file_gone')
    return {
      status: 'fail',
      detail: `${what} does not exist.`,
      fix: 'Pass --probe-key with an object that exists, or leave it out to use the first one found.',
    };
  if (error instanceof ProxyError && error.code === 'unsafe_key')
    return {
      status: 'fail',
      detail: `${what} is a key the proxy refuses (dot segments, controls, backslashes).`,
      fix: 'Pick another object with --probe-key.',
    };
  const cause = error instanceof ProxyError ? error.cause : error;
  const status = s3Status(cause);
  return {
    status: 'fail',
    detail: `reading ${what} failed: ${s3Status(cause) ? s3ErrorText(cause) : ((cause as Error)?.message ?? String(cause))}.`,
    fix:
      status === 403
        ? `Grant the proxy's role s3:GetObject on arn:aws:s3:::${where}/* (and kms:Decrypt on the bucket's key when it uses SSE-KMS).`
        : 'See the storage check above.',
  };
}

function presignedProblem(answer: ProbeResponse, origin: string): Problem {
  const code = /<Code>([^<]+)<\/Code>/.exec(answer.text)?.[1];
  const detail = `the presigned GET answered ${answer.status}${code ? ` ${code}` : ''}.`;
  if (code === 'SignatureDoesNotMatch')
    return {
      status: 'fail',
      detail: `${detail} The URL was signed for ${origin} but the server computed another signature.`,
      fix: 'Check S3_SECRET_ACCESS_KEY, and that S3_PUBLIC_ENDPOINT reaches the same service without rewriting the host or path (path-style needs S3_FORCE_PATH_STYLE=true).',
    };
  if (code === 'RequestTimeTooSkewed' || (code === 'AccessDenied' && /expired/i.test(answer.text)))
    return {
      status: 'fail',
      detail: `${detail} The signing time is off.`,
      fix: 'Synchronise this host’s and the proxy’s clocks (NTP); see the clock check below.',
    };
  if (code === 'ExpiredToken' || code === 'InvalidToken')
    return {
      status: 'fail',
      detail: `${detail} The session credentials that signed it have expired.`,
      fix: 'Use a role whose credentials refresh (instance profile, task role) rather than fixed session keys.',
    };
  if (answer.status === 403)
    return {
      status: 'fail',
      detail: `${detail} The signing credentials may not read the object.`,
      fix: 'Grant s3:GetObject on the bucket’s objects (and kms:Decrypt with SSE-KMS) to the credentials the proxy signs with.',
    };
  return {
    status: 'fail',
    detail,
    fix: 'Check S3_PUBLIC_ENDPOINT and what answers there.',
  };
}
