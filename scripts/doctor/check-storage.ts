// Storage as the proxy reaches it: every S3 bucket answers HeadBucket with the proxy's credentials
// (what /readyz does), and the embedded store's folder is there.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { DoctorContext } from './doctor-context.ts';
import { type Finding, fromProblems, type Problem } from './finding.ts';
import { s3ClientFor, s3ErrorText, s3Status } from './s3-client.ts';

export async function checkS3Buckets(context: DoctorContext): Promise<Finding | undefined> {
  const s3 = context.config.s3;
  if (!s3) return undefined;
  const client = s3ClientFor(s3, context.timeoutMs);
  const problems: Problem[] = [];
  const buckets = [...s3.buckets, ...(s3.quarantineBucket ? [s3.quarantineBucket] : [])];
  const where = s3.endpoint ?? `AWS ${s3.region}`;
  try {
    for (const bucket of buckets) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        problems.push(bucketProblem(bucket, error, where, s3.region));
      }
    }
  } finally {
    client.destroy();
  }
  return fromProblems(
    'storage.s3',
    'S3 buckets',
    problems,
    `${buckets.join(', ')} reachable at ${where} with the proxy's credentials (HeadBucket)`,
  );
}

function bucketProblem(bucket: string, error: unknown, where: string, region: string): Problem {
  const status = s3Status(error);
  const text = s3ErrorText(error);
  const name = (error as { name?: string }).name ?? '';
  if (status === 403)
    return {
      status: 'fail',
      detail: `HeadBucket ${bucket}: ${text}; the proxy's credentials may not use the bucket.`,
      fix: `Grant the proxy's role s3:ListBucket on arn:aws:s3:::${bucket} and s3:GetObject on arn:aws:s3:::${bucket}/* (docs/install.md has the whole policy), or fix S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY.`,
    };
  if (status === 404)
    return {
      status: 'fail',
      detail: `bucket ${bucket} does not exist at ${where}.`,
      fix: 'Check the bucket name in S3_BUCKETS / S3_QUARANTINE_BUCKET and S3_ENDPOINT.',
    };
  if (status === 301 || status === 400)
    return {
      status: 'fail',
      detail: `HeadBucket ${bucket}: ${text}; the bucket is probably in another region than S3_REGION=${region}.`,
      fix: 'Set S3_REGION to the bucket’s region (aws s3api get-bucket-location --bucket <name>).',
    };
  if (/Credential/i.test(name))
    return {
      status: 'fail',
      detail: `no AWS credentials found (${text}).`,
      fix: 'Give the proxy an IAM role (instance profile, task role, IRSA) or set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.',
    };
  return {
    status: 'fail',
    detail: `HeadBucket ${bucket}: ${text}; ${where} does not answer properly.`,
    fix: 'Check S3_ENDPOINT, DNS and the egress firewall (or the VPC endpoint) between the proxy and S3.',
  };
}

export async function checkStoreDir(context: DoctorContext): Promise<Finding | undefined> {
  const store = context.config.store;
  if (!store) return undefined;
  const dir = resolve(store.dir);
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(dir, constants.R_OK | constants.X_OK);
  } catch (error) {
    return {
      id: 'storage.store',
      title: 'Embedded store',
      status: 'fail',
      detail: `STORE_DIR ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      fix: 'Create the folder (or mount the volume) and make it readable by the proxy’s user; with several replicas every one needs the same files.',
    };
  }
  return { id: 'storage.store', title: 'Embedded store', status: 'pass', detail: `${dir} is readable` };
}
