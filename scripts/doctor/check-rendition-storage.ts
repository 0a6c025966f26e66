// Renditions in S3 (RENDITION_STORAGE=s3): the bucket takes, returns and deletes an object under the
// prefix with these credentials (what proxies and workers do), and a lifecycle rule expires the
// prefix. Without the rule nothing older than RENDITION_TTL_HOURS is served (the proxy reads each
// rendition's age), but renditions stay in the bucket: customer data kept past its time.
import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { s3ClientConfig } from '../../proxy/storage/s3/s3-backend.ts';
import type { DoctorContext } from './doctor-context.ts';
import type { Finding } from './finding.ts';
import { s3ErrorText } from './s3-client.ts';

const id = 'renditions.storage';
const title = 'Rendition storage';

export async function checkRenditionStorage(context: DoctorContext): Promise<Finding | undefined> {
  const settings = context.config.renditions;
  if (settings?.storage.kind !== 's3') return undefined;
  const { s3, bucket, prefix } = settings.storage;
  const where = `s3://${bucket}/${prefix}`;
  const client = new S3Client({
    ...s3ClientConfig(s3, context.timeoutMs),
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const probe = `${prefix}doctor-probe-${randomUUID()}`;
  try {
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: probe, Body: 'doctor probe' }));
      const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: probe }));
      await read.Body?.transformToString();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: probe }));
    } catch (error) {
      return {
        id,
        title,
        status: 'fail',
        detail: `${where} refused a write, read or delete (${s3ErrorText(error)}): no rendition can be kept.`,
        fix: `Create the bucket and let the proxies and workers s3:PutObject, s3:GetObject and s3:DeleteObject on arn:aws:s3:::${bucket}/${prefix}*.`,
      };
    }
    const days = Math.ceil(settings.ttlHours / 24);
    const rule = `an Expiration rule for prefix "${prefix}" after ${days} day(s) (docs/operations.md)`;
    try {
      const lifecycle = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      const covering = (lifecycle.Rules ?? []).find((r) => {
        const rulePrefix = r.Filter?.Prefix ?? r.Prefix ?? '';
        return r.Status === 'Enabled' && prefix.startsWith(rulePrefix) && r.Expiration?.Days !== undefined;
      });
      if (covering?.Expiration?.Days !== undefined && covering.Expiration.Days <= days)
        return {
          id,
          title,
          status: 'pass',
          detail: `${where} takes, returns and deletes objects; renditions expire after ${covering.Expiration.Days} day(s)`,
        };
      return {
        id,
        title,
        status: 'warn',
        detail: `${where} works, but no lifecycle rule expires it within ${days} day(s): renditions past RENDITION_TTL_HOURS are not served, yet stay in the bucket.`,
        fix: `Add ${rule}.`,
      };
    } catch (error) {
      return {
        id,
        title,
        status: 'warn',
        detail: `${where} works, but its lifecycle could not be read (${s3ErrorText(error)}): check that renditions are deleted.`,
        fix: `Make sure the bucket has ${rule}, or that something else deletes them.`,
      };
    }
  } finally {
    client.destroy();
  }
}
