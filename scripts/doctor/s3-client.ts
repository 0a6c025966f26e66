// The S3 client and backend the doctor tests with: built from the same settings, in the same way,
// as the proxy's (proxy/create-app.ts), so what works here works there.
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../proxy/config/config-schema.ts';
import { S3Backend } from '../../proxy/storage/s3-backend.ts';

export function s3ClientFor(s3: NonNullable<Config['s3']>, timeoutMs: number): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    forcePathStyle: s3.forcePathStyle,
    maxAttempts: 1,
    requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs, throwOnRequestTimeout: true },
  });
}

export function s3BackendFor(config: Config): S3Backend | undefined {
  if (!config.s3) return undefined;
  const bareKeys = config.detection.bareKeys;
  return new S3Backend({
    ...config.s3,
    scanMetadataName: config.scan.metadataName,
    scanTagName: config.scan.tagName,
    bareKeyBucket: bareKeys.kind === 's3' ? bareKeys.bucket : undefined,
  });
}

/** `Code (HTTP status)` of an S3 error, or its message for network failures. */
export function s3ErrorText(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode;
  if (status) return `${e.Code ?? e.name ?? 'error'} (HTTP ${status})`;
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return `${e.name ?? 'error'}: ${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

export function s3Status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
