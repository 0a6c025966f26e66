import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Turns a cached JSON value back into a typed one; undefined for anything unexpected. */
export type Parse<T> = (value: unknown) => T | undefined;

/**
 * An in-process LRU in front of an optional Redis shared by the replicas. Redis errors and values
 * that do not parse are misses, never passes (docs/security.md rule 2): the caller then asks upstream.
 */
export class TieredCache {
  private readonly local: LRUCache<string, { value: unknown }>;

  constructor(
    private readonly namespace: string,
    private readonly redis: Redis | undefined,
    maxEntries = 10_000,
    private readonly onRedisError: (error: unknown) => void = () => undefined,
  ) {
    this.local = new LRUCache({ max: maxEntries, ttlAutopurge: false });
  }

  /**
   * The value under `key`. `accept` turns down a value too old for this caller: then Redis is read,
   * where another replica may have stored a newer one (the in-process copy is kept for others).
   */
  async get<T>(
    key: string,
    parse: Parse<T>,
    accept: (value: T) => boolean = () => true,
  ): Promise<T | undefined> {
    // The in-process tier holds only values this process set or already parsed from Redis: trusted.
    const hit = this.local.get(key);
    if (hit && accept(hit.value as T)) return hit.value as T;
    if (this.redis?.status !== 'ready') return undefined;
    let raw: string | null;
    let ttlMs: number;
    try {
      const k = this.redisKey(key);
      const [[, value], [, pttl]] = ((await this.redis.multi().get(k).pttl(k).exec()) ?? [
        [null, null],
        [null, -2],
      ]) as [[unknown, string | null], [unknown, number]];
      raw = value;
      ttlMs = pttl;
    } catch (error) {
      this.onRedisError(error);
      return undefined;
    }
    if (raw === null || ttlMs <= 0) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = parse(value);
    if (parsed === undefined || !accept(parsed)) return undefined;
    this.local.set(key, { value: parsed }, { ttl: ttlMs });
    return parsed;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    this.local.set(key, { value }, { ttl: ttlMs });
    if (this.redis?.status !== 'ready') return;
    try {
      await this.redis.set(this.redisKey(key), JSON.stringify(value), 'PX', Math.ceil(ttlMs));
    } catch (error) {
      this.onRedisError(error);
    }
  }

  async delete(key: string): Promise<void> {
    this.local.delete(key);
    if (this.redis?.status !== 'ready') return;
    await this.redis.del(this.redisKey(key)).catch(this.onRedisError);
  }

  private redisKey(key: string): string {
    return `av:${this.namespace}:${key}`;
  }
}
