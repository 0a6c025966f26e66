// Where renditions are kept and where conversions run are chosen by settings checked at startup: a
// wrong combination stops the proxy (or the worker) with what to change, never a half-working mode.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';
import { parseWorkerConfig } from '../../../proxy/config/worker-config.ts';

const base = { STORE_DIR: '/tmp/x', RENDITIONS_DIR: '/tmp/r' };
const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
const s3 = {
  RENDITION_STORAGE: 's3',
  RENDITION_S3_BUCKET: 'av-renditions',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
};

describe('rendition settings', () => {
  it('keep renditions in the local folder and convert in the proxy by default', () => {
    const renditions = parseConfig(base).renditions;
    expect(renditions?.storage).toEqual({ kind: 'local' });
    expect(renditions?.converters).toEqual({ kind: 'local' });
  });

  it('choose S3 and the queue when asked, with their defaults', () => {
    const renditions = parseConfig({ ...base, ...redis, ...s3, CONVERTER_MODE: 'queue' }).renditions;
    expect(renditions?.storage).toMatchObject({ kind: 's3', bucket: 'av-renditions', prefix: 'renditions/' });
    expect(renditions?.converters).toEqual({
      kind: 'queue',
      redisUrl: redis.REDIS_URL,
      waitSeconds: 120,
      leaseSeconds: 30,
    });
    // S3 only for renditions: no attachment bucket needed.
    expect(parseConfig({ ...base, ...s3 }).s3).toBeUndefined();
  });

  it('refuse each wrong combination, saying how to fix it', () => {
    const problems = (settings: Record<string, string>) => {
      try {
        parseConfig({ ...base, ...settings });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ CONVERTER_MODE: 'queue' })).toMatch(/CONVERTER_MODE=queue needs REDIS_URL/);
    expect(problems({ CONVERTER_MODE: 'queues' })).toMatch(/CONVERTER_MODE must be "local"[^\n]*or "queue"/);
    expect(problems({ ...redis, CONVERTER_MODE: 'queue', CONVERTER_QUEUE_WAIT_SECONDS: '30' })).toMatch(
      /CONVERTER_QUEUE_WAIT_SECONDS \(30\) must be at least CONVERTER_TIMEOUT_SECONDS \(60\)/,
    );
    expect(problems({ RENDITION_STORAGE: 's3' })).toMatch(
      /RENDITION_STORAGE=s3: name the bucket[^\n]*RENDITION_S3_BUCKET/,
    );
    expect(problems({ RENDITION_S3_BUCKET: 'av-renditions' })).toMatch(
      /RENDITION_S3_BUCKET is set but RENDITION_STORAGE is "local": set RENDITION_STORAGE=s3/,
    );
    expect(problems({ ...s3, RENDITION_S3_BUCKET: 'AV_Renditions' })).toMatch(
      /RENDITION_S3_BUCKET must be an S3 bucket name/,
    );
    for (const prefix of ['/renditions/', 'renditions', 'a/../b/'])
      expect(problems({ ...s3, RENDITION_S3_PREFIX: prefix })).toMatch(
        /RENDITION_S3_PREFIX must be a folder-like key prefix/,
      );
    expect(problems({ ...s3, RENDITION_S3_PREFIX: '' })).toBe('');
    expect(() => parseConfig({ STORE_DIR: '/tmp/x', CONVERTER_MODE: 'queue', ...redis })).toThrow(
      /CONVERTER_MODE is set but renditions are off: set RENDITIONS_DIR/,
    );
  });

  it('give a worker only what it needs, and refuse one that would consume no queue', () => {
    const worker = parseWorkerConfig({ RENDITIONS_DIR: '/tmp/w', CONVERTER_MODE: 'queue', ...redis, ...s3 });
    expect(worker.renditions.converters.kind).toBe('queue');
    expect(worker.renditions.storage.kind).toBe('s3');
    expect(() => parseWorkerConfig({ RENDITIONS_DIR: '/tmp/w' })).toThrow(
      /set CONVERTER_MODE=queue and REDIS_URL here and on the proxies/,
    );
    expect(() => parseWorkerConfig({ CONVERTER_MODE: 'queue', ...redis })).toThrow(
      /RENDITIONS_DIR: name the folder/,
    );
  });
});
