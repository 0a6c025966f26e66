import type { S3Connection } from '../../config/sections/storage-config.ts';

/**
 * The origins presigned links point at, for the widget's CSP: the endpoint browsers reach, with the
 * bucket as a subdomain unless path-style is forced (AWS's default signs virtual-hosted URLs).
 */
export function s3LinkOrigins(s3: S3Connection & { buckets: string[] }): string[] {
  const endpoint = s3.publicEndpoint ?? s3.endpoint;
  const base = new URL(endpoint ?? `https://s3.${s3.region}.amazonaws.com`);
  if (s3.forcePathStyle) return [base.origin];
  return s3.buckets.map((bucket) => `${base.protocol}//${bucket}.${base.host}`);
}
