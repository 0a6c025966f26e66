// S3 and S3-compatible storage through AWS SDK v3. Links are presigned GETs that carry the
// proxy's own response-content-type / -disposition (docs/security.md rule 7).
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { create as contentDisposition } from 'content-disposition';
import type { AttachmentLocation } from '../../../core/attachment-ref.ts';
import { storageKeyProblem } from '../../../core/storage-key.ts';
import type { Config } from '../../config/config-schema.ts';
import type { S3Connection, S3Settings } from '../../config/sections/storage-config.ts';
import { errors, ProxyError } from '../../errors.ts';
import {
  type LinkOptions,
  type MintedLink,
  type ScanStatus,
  SNIFF_BYTES,
  type StorageBackend,
  type StoredObject,
} from '../storage-backend.ts';

export interface S3BackendOptions extends S3Settings {
  scanMetadataName: string;
  scanTagName: string;
  /** Which location kinds besides `s3` resolve here (bare keys and proxy links configured as `s3:<bucket>`). */
  bareKeyBucket?: string;
}

/** The S3 backend's options from the configuration (the proxy's and the doctor's), or undefined without S3. */
export function s3BackendOptions(config: Config): S3BackendOptions | undefined {
  if (!config.s3) return undefined;
  const bareKeys = config.detection.bareKeys;
  return {
    ...config.s3,
    scanMetadataName: config.scan.metadataName,
    scanTagName: config.scan.tagName,
    bareKeyBucket: bareKeys.kind === 's3' ? bareKeys.bucket : undefined,
  };
}

/** The S3 client settings the proxy uses (the doctor builds its clients from them too). */
export function s3ClientConfig(s3: S3Connection, timeoutMs = s3.timeoutMs): S3ClientConfig {
  return {
    region: s3.region,
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    forcePathStyle: s3.forcePathStyle,
    maxAttempts: 1,
    // throwOnRequestTimeout: without it @smithy/node-http-handler 4.x only logs a warning when
    // requestTimeout passes and keeps waiting, so a storage endpoint that accepts connections but
    // never answers held every link request forever (docs/security.md rule 11).
    requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs, throwOnRequestTimeout: true },
  };
}

// Verdict values of the common scanners: GuardDuty Malware Protection for S3, bucket-antivirus
// (av-status), and plain words.
const VERDICTS: Record<string, ScanStatus> = {
  clean: 'clean',
  no_threats_found: 'clean',
  infected: 'infected',
  threats_found: 'infected',
  pending: 'pending',
  scanning: 'pending',
};

export class S3Backend implements StorageBackend {
  readonly name = 's3';
  private readonly client: S3Client;
  private readonly presigner: S3Client;

  constructor(private readonly options: S3BackendOptions) {
    const base = s3ClientConfig(options);
    this.client = new S3Client(base);
    this.presigner = options.publicEndpoint
      ? new S3Client({ ...base, endpoint: options.publicEndpoint })
      : this.client;
  }

  handles(location: AttachmentLocation): boolean {
    if (location.kind === 's3')
      return (
        this.options.buckets.includes(location.bucket) || location.bucket === this.options.quarantineBucket
      );
    return location.kind === 'proxy' && this.options.bareKeyBucket !== undefined;
  }

  async inspect(location: AttachmentLocation): Promise<StoredObject> {
    const { bucket, key } = this.objectOf(location);
    if (bucket === this.options.quarantineBucket) {
      // The scanner moves clean files out of quarantine: look for the key in the clean bucket first.
      const clean = this.options.buckets[0];
      if (clean) {
        const moved = await this.read(clean, key).catch((error: unknown) => {
          if (error instanceof ProxyError && error.code === 'file_gone') return undefined;
          throw error;
        });
        if (moved) return { ...moved, servedFrom: { kind: 's3', bucket: clean, key } };
      }
      const waiting = await this.read(bucket, key);
      // Still in quarantine: never served, whatever its metadata says.
      return { ...waiting, scan: waiting.scan === 'infected' ? 'infected' : 'pending' };
    }
    return this.read(bucket, key);
  }

  async mint(location: AttachmentLocation, _object: StoredObject, options: LinkOptions): Promise<MintedLink> {
    const { bucket, key } = this.objectOf(location);
    if (bucket === this.options.quarantineBucket) throw errors.scanPending();
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: contentDisposition(options.fileName, { type: options.disposition }),
      ResponseCacheControl: 'private, no-store',
    });
    const url = await getSignedUrl(this.presigner, command, { expiresIn: options.ttlSeconds });
    return { url, expiresAt: new Date(Date.now() + options.ttlSeconds * 1000) };
  }

  async open(location: AttachmentLocation): Promise<Readable> {
    const { bucket, key } = this.objectOf(location);
    if (bucket === this.options.quarantineBucket) throw errors.scanPending();
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      // In Node the SDK's body is the HTTP response itself, a Readable.
      if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body');
      return object.Body;
    } catch (error) {
      throw classify(error);
    }
  }

  async checkReady(): Promise<void> {
    const bucket = this.options.buckets[0];
    if (bucket) await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
  }

  private objectOf(location: AttachmentLocation): { bucket: string; key: string } {
    let bucket: string;
    let key: string;
    if (location.kind === 's3') ({ bucket, key } = location);
    else if (location.kind === 'proxy' && this.options.bareKeyBucket) {
      bucket = this.options.bareKeyBucket;
      key = location.key;
    } else throw errors.unsupportedLocation();
    // Exact-string check: the SDK would send a key with "." segments or controls as-is.
    if (storageKeyProblem(key)) throw errors.unsafeKey();
    return { bucket, key };
  }

  private async read(bucket: string, key: string): Promise<StoredObject> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const size = head.ContentLength;
      let scan = verdict(head.Metadata?.[this.options.scanMetadataName]);
      if (scan === undefined) scan = await this.tagVerdict(bucket, key);
      const bytes =
        size === 0
          ? new Uint8Array()
          : await this.client
              .send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }))
              .then((r) => r.Body?.transformToByteArray() ?? new Uint8Array());
      return {
        size,
        scan: scan ?? 'unscanned',
        head: bytes,
        ...(head.ETag ? { version: `${bucket}/${key}@${head.ETag}` } : {}),
      };
    } catch (error) {
      throw classify(error);
    }
  }

  private async tagVerdict(bucket: string, key: string): Promise<ScanStatus | undefined> {
    try {
      const tags = await this.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
      return verdict(tags.TagSet?.find((t) => t.Key === this.options.scanTagName)?.Value);
    } catch (error) {
      // Some S3-compatible servers do not implement tagging: no verdict from tags, not an outage.
      const name = (error as { name?: string }).name;
      if (name === 'NotImplemented' || name === 'AccessDenied' || name === 'MethodNotAllowed')
        return undefined;
      throw error;
    }
  }
}

function verdict(value: string | undefined): ScanStatus | undefined {
  return value === undefined ? undefined : (VERDICTS[value.trim().toLowerCase()] ?? 'pending');
}

function classify(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'NotFound' || e.name === 'NoSuchKey' || status === 404) return errors.fileGone();
  return errors.storageUnavailable(error);
}
