import { describe, expect, it } from 'vitest';

describe('s3LinkOrigins', () => {
  it('allows in the widget CSP exactly the origins the AWS SDK presigns links on', async () => {
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const { s3LinkOrigins } = await import('../../../../proxy/storage/s3/s3-link-origins.ts');
    const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
    for (const forcePathStyle of [false, true]) {
      for (const endpoint of [undefined, 'https://objects.example.com']) {
        const client = new S3Client({ region: 'eu-west-1', credentials, forcePathStyle, endpoint });
        const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'av-clean', Key: 'k' }), {
          expiresIn: 60,
        });
        const origins = s3LinkOrigins({
          region: 'eu-west-1',
          forcePathStyle,
          endpoint,
          buckets: ['av-clean'],
          timeoutMs: 1,
        });
        expect(origins).toContain(new URL(url).origin);
      }
    }
  });
});
