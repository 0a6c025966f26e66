// Renditions in an S3 bucket under a prefix (RENDITION_STORAGE=s3): `<prefix><key>`, keyed by the
// original's content hash and the converter's version, served to the browser by presigned GETs that
// carry the proxy's own type and inline disposition, as originals in S3 are (s3-backend.ts). The
// bucket's lifecycle rule deletes them; rules count in whole days, so a rendition is also checked for
// age on every read: one older than RENDITION_TTL_HOURS (or that would be before its link expires)
// is not served and is converted again, overwriting it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { create as contentDisposition } from 'content-disposition';
import type { S3Connection } from '../config/sections/storage-config.ts';
import { errors } from '../errors.ts';
import { s3ClientConfig } from '../storage/s3/s3-backend.ts';
import {
  isRenditionKey,
  RENDITION_OUTPUT,
  type RenditionLinkOptions,
  type RenditionStore,
} from './rendition-store.ts';

export interface S3RenditionStoreOptions {
  s3: S3Connection;
  bucket: string;
  /** Ends in "/" (or is empty): renditions at `<prefix><key>`, queued originals at `<prefix>sources/<key>`. */
  prefix: string;
  ttlMs: number;
  /** Links live this long: a rendition that would expire before its link does counts as expired. */
  linkTtlSeconds: number;
}

const CONTENT_TYPE: Record<string, string> = Object.fromEntries(
  Object.values(RENDITION_OUTPUT).map((o) => [o.extension, o.contentType]),
);

export class S3RenditionStore implements RenditionStore {
  readonly name = 's3';
  private readonly client: S3Client;
  private readonly presigner: S3Client;

  constructor(private readonly options: S3RenditionStoreOptions) {
    const base = {
      ...s3ClientConfig(options.s3),
      // Uploads stream from a file with their length, signed whole. The SDK's default would send them
      // aws-chunked with a trailing checksum, which S3-compatible services such as Swift refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    };
    this.client = new S3Client(base);
    this.presigner = options.s3.publicEndpoint
      ? new S3Client({ ...base, endpoint: options.s3.publicEndpoint })
      : this.client;
  }

  async init(): Promise<void> {
    // Nothing to create: the bucket, its lifecycle rule and its access are the admin's (docs/operations.md).
  }

  async find(key: string): Promise<{ size: number } | undefined> {
    if (!isRenditionKey(key)) return undefined;
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      const made = head.LastModified?.getTime() ?? 0;
      // Served until its link expires: it must still be within its lifetime then.
      if (Date.now() + this.options.linkTtlSeconds * 1000 - made > this.options.ttlMs) return undefined;
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw errors.storageUnavailable(error);
    }
  }

  async put(key: string, file: string): Promise<void> {
    if (!isRenditionKey(key)) throw new Error(`not a rendition key: ${key}`);
    const extension = key.slice(key.lastIndexOf('.') + 1);
    await this.upload(this.objectKey(key), file, CONTENT_TYPE[extension] ?? 'application/octet-stream');
  }

  async link(key: string, options: RenditionLinkOptions): Promise<{ url: string; expiresAt: Date }> {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: this.objectKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: contentDisposition(options.fileName, { type: 'inline' }),
      ResponseCacheControl: 'private, no-store',
    });
    const url = await getSignedUrl(this.presigner, command, { expiresIn: options.ttlSeconds });
    return { url, expiresAt: new Date(Date.now() + options.ttlSeconds * 1000) };
  }

  async putSource(key: string, file: string): Promise<void> {
    if (!isRenditionKey(key)) throw new Error(`not a rendition key: ${key}`);
    await this.upload(this.sourceKey(key), file, 'application/octet-stream');
  }

  async open(key: string): Promise<Readable | undefined> {
    if (!isRenditionKey(key) || !(await this.find(key))) return undefined;
    return this.read(this.objectKey(key));
  }

  async openSource(key: string): Promise<Readable | undefined> {
    if (!isRenditionKey(key)) return undefined;
    return this.read(this.sourceKey(key));
  }

  private async read(objectKey: string): Promise<Readable | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: objectKey }),
      );
      if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body');
      return object.Body;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw errors.storageUnavailable(error);
    }
  }

  async deleteSource(key: string): Promise<void> {
    if (!isRenditionKey(key)) return;
    await this.client
      .send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.sourceKey(key) }))
      .catch((error: unknown) => {
        throw errors.storageUnavailable(error);
      });
  }

  close(): void {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }

  private objectKey(key: string): string {
    return `${this.options.prefix}${key}`;
  }

  private sourceKey(key: string): string {
    return `${this.options.prefix}sources/${key}`;
  }

  /** Streams a file up (never read into memory), with its length so S3 needs no chunked upload. */
  private async upload(objectKey: string, file: string, contentType: string): Promise<void> {
    const { size } = await stat(file);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: objectKey,
          Body: createReadStream(file),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    } catch (error) {
      throw errors.storageUnavailable(error);
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
