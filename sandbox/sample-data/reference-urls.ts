// The URL shapes the sample conversations use to point at files, one helper per form detection
// must recognise (see the detection rules in manifest.ts).
import { createHash } from 'node:crypto';

export const proxyLinkBase = 'https://viewer.example.com/ref/';
export const cleanBucket = 'av-clean';
export const quarantineBucket = 'av-quarantine';

/** S3 keys are URL-encoded segment by segment; "/" stays a separator. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

export function genesysDownloadUrl(downloadId: string, host = 'api.mypurecloud.com'): string {
  return `https://${host}/api/v2/downloads/${downloadId}`;
}

/**
 * A virtual-hosted presigned GET URL as the AWS SDK produces it. The signature is made up (a hash of
 * the rest) — the sandbox does not serve S3; tests upload the objects to a real S3 server.
 */
export function s3PresignedUrl(bucket: string, key: string, amzDate: string): string {
  const day = amzDate.slice(0, 8);
  const query = [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    `X-Amz-Credential=AKIASANDBOXEXAMPLE01%2F${day}%2Fus-east-1%2Fs3%2Faws4_request`,
    `X-Amz-Date=${amzDate}`,
    'X-Amz-Expires=604800',
    'X-Amz-SignedHeaders=host',
  ].join('&');
  const base = `https://${bucket}.s3.amazonaws.com/${encodeKey(key)}?${query}`;
  const signature = createHash('sha256').update(base).digest('hex');
  return `${base}&X-Amz-Signature=${signature}`;
}

export function s3PathStyleUrl(region: string, bucket: string, key: string): string {
  return `https://s3.${region}.amazonaws.com/${bucket}/${encodeKey(key)}`;
}

export function s3VirtualHostedUrl(bucket: string, key: string, region?: string): string {
  const host = region === undefined ? `${bucket}.s3.amazonaws.com` : `${bucket}.s3.${region}.amazonaws.com`;
  return `https://${host}/${encodeKey(key)}`;
}

export function proxyLink(key: string): string {
  return `${proxyLinkBase}${encodeKey(key)}`;
}
