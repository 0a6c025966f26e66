// Where attachments are stored (the embedded local store, S3 buckets, or both) and where their
// malware-scan verdicts are read.
import { list } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

export interface S3Settings {
  endpoint?: string;
  /** The endpoint browsers reach, when it differs from the one the proxy uses. */
  publicEndpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  /** Clean buckets: links are minted only for these. */
  buckets: string[];
  /** Uploads land here and move to the first clean bucket once scanned. */
  quarantineBucket?: string;
  timeoutMs: number;
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

/** S3 is configured by naming buckets (or an endpoint, which then needs buckets). */
function deriveS3(s: Settings, problems: string[]): S3Settings | undefined {
  const buckets = list(s.S3_BUCKETS);
  if (buckets.length === 0 && !s.S3_ENDPOINT) return undefined;
  if (buckets.length === 0) problems.push('S3_BUCKETS: name the bucket(s) attachments are stored in');
  if (!!s.S3_ACCESS_KEY_ID !== !!s.S3_SECRET_ACCESS_KEY)
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the AWS default chain)',
    );
  return {
    endpoint: s.S3_ENDPOINT,
    publicEndpoint: s.S3_PUBLIC_ENDPOINT,
    region: s.S3_REGION,
    credentials:
      s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
    buckets,
    quarantineBucket: s.S3_QUARANTINE_BUCKET,
    timeoutMs: s.S3_TIMEOUT_MS,
  };
}
