// Where renditions are kept between requests: the local folder (local-rendition-store.ts) or an S3
// bucket and prefix (s3-rendition-store.ts), as RENDITION_STORAGE says. A rendition is customer data:
// kept there only, named by the original's content hash and what made it, expiring after
// RENDITION_TTL_HOURS, and never held in memory (files and streams only).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Router } from 'express';
import { type JobPlan, partLabel } from '../../core/renditions.ts';

/** Raise when a converter's options change, so renditions made the old way are not served. */
const RECIPE = 1;

export const RENDITION_OUTPUT: Record<
  JobPlan['name'],
  { extension: 'pdf' | 'jpg' | 'json' | 'bin'; contentType: string }
> = {
  pdf: { extension: 'pdf', contentType: 'application/pdf' },
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  email: { extension: 'json', contentType: 'application/json' },
  archive: { extension: 'json', contentType: 'application/json' },
  thumbnail: { extension: 'jpg', contentType: 'image/jpeg' },
  // A part of an email or archive: served as what its sniffed bytes are, never as this.
  part: { extension: 'bin', contentType: 'application/octet-stream' },
};

/** A rendition's key: lowercase hex and dashes, then the extension. Nothing a path could be made of. */
const KEY = /^[0-9a-f-]{16,160}\.(pdf|jpg|json|bin)$/;

export function isRenditionKey(key: string): boolean {
  return KEY.test(key);
}

/** The original's content hash, and what made the rendition: the same bytes converted the same way share it. */
export function renditionKey(hash: string, plan: JobPlan, converterVersion: string): string {
  // A part's recipe names the part too: each file of one container has a key of its own.
  const part = plan.name === 'part' ? `\n${partLabel(plan.part)}` : '';
  const recipe = createHash('sha256')
    .update(`${RECIPE}\n${plan.converter}\n${plan.name}\n${converterVersion}${part}`)
    .digest('hex');
  return `${hash}-${recipe.slice(0, 16)}.${RENDITION_OUTPUT[plan.name].extension}`;
}

/** Where the facts of an extracted part (core/rendition-documents.ts PartFacts) are kept beside it. */
export function partFactsKey(partKey: string): string {
  return partKey.replace(/\.bin$/, '.json');
}

export interface RenditionLinkOptions {
  contentType: string;
  fileName: string;
  ttlSeconds: number;
}

export interface RenditionStore {
  readonly name: 'local' | 's3';
  /** Creates what the store needs and starts its expiry sweep (local); rejects when it cannot be used. */
  init(): Promise<void>;
  /** A fresh rendition's size, or undefined when there is none (an expired one counts as none). */
  find(key: string): Promise<{ size: number } | undefined>;
  /** Stores the converter's output file as rendition `key` (readers never see half of it). */
  put(key: string, file: string): Promise<void>;
  /** Reads a fresh rendition (or an extracted part) back, or undefined when there is none. */
  open(key: string): Promise<Readable | undefined>;
  /** A short-lived, inline-only link the browser fetches the rendition with. */
  link(key: string, options: RenditionLinkOptions): Promise<{ url: string; expiresAt: Date }>;
  /**
   * The original of a queued job (named by the job's rendition key), kept only while the job
   * waits for a worker: put by the proxy, read and deleted by the worker.
   */
  putSource(key: string, file: string): Promise<void>;
  openSource(key: string): Promise<Readable | undefined>;
  deleteSource(key: string): Promise<void>;
  /** Routes that serve this store's links (the local folder's `/renditions/<key>`); none for S3. */
  routes?: Router;
  close(): void;
}
