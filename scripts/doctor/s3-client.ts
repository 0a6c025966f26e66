// The S3 client and backend the doctor tests with: built by the proxy's own functions
// (proxy/storage/s3/s3-backend.ts), so what works here works there.
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../proxy/config/config-schema.ts';
import { S3Backend, s3BackendOptions, s3ClientConfig } from '../../proxy/storage/s3/s3-backend.ts';

export function s3ClientFor(s3: NonNullable<Config['s3']>, timeoutMs: number): S3Client {
  return new S3Client(s3ClientConfig(s3, timeoutMs));
}

export function s3BackendFor(config: Config): S3Backend | undefined {
  const options = s3BackendOptions(config);
  return options && new S3Backend(options);
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
