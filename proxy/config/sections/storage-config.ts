// Where attachments are stored (the embedded local store, S3 buckets, or both) and where their
// malware-scan verdicts are read.
import { list } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

/** How to reach S3 (or an S3-compatible service): shared by the attachment buckets and the renditions bucket. */
export interface S3Connection {
  endpoint?: string;
  /** The endpoint browsers reach, when it differs from the one the proxy uses. */
  publicEndpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  timeoutMs: number;
}

export interface S3Settings extends S3Connection {
  /** Clean buckets: links are minted only for these. */
  buckets: string[];
  /** Uploads land here and move to the first clean bucket once scanned. */
  quarantineBucket?: string;
}

export interface StorageConfig {
  store?: { dir: string };
  s3?: S3Settings;
  scan: { required: boolean; metadataName: string; tagName: string };
}

export function deriveStorage(s: Settings, problems: string[]): StorageConfig {
  const store = s.STORE_DIR ? { dir: s.STORE_DIR } : undefined;
  const s3 = deriveS3(s, problems);
  if (!store && !s3) problems.push('no storage configured: set STORE_DIR (embedded store) and/or S3_BUCKETS');
  return {
    store,
    s3,
    scan: {
      required: s.SCAN_REQUIRED,
      metadataName: s.SCAN_STATUS_METADATA.toLowerCase(),
      tagName: s.SCAN_STATUS_TAG,
    },
  };
}

/** S3 is configured by naming buckets (or an endpoint, which then needs buckets, unless it is only for renditions). */
function deriveS3(s: Settings, problems: string[]): S3Settings | undefined {
  const buckets = list(s.S3_BUCKETS);
  if (!!s.S3_ACCESS_KEY_ID !== !!s.S3_SECRET_ACCESS_KEY)
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the AWS default chain)',
    );
  if (buckets.length === 0 && (!s.S3_ENDPOINT || s.RENDITION_S3_BUCKET)) return undefined;
  if (buckets.length === 0) problems.push('S3_BUCKETS: name the bucket(s) attachments are stored in');
  return {
    ...s3Connection(s),
    buckets,
    quarantineBucket: s.S3_QUARANTINE_BUCKET,
  };
}

/** The S3_* settings that say how to reach S3, whichever buckets are read or written there. */
export function s3Connection(s: Settings): S3Connection {
  return {
    endpoint: s.S3_ENDPOINT,
    publicEndpoint: s.S3_PUBLIC_ENDPOINT,
    region: s.S3_REGION,
    credentials:
      s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
    timeoutMs: s.S3_TIMEOUT_MS,
  };
}
