import type { Redis } from 'ioredis';
import type { SingleFlight } from './single-flight.ts';
import type { Parse, TieredCache } from './tiered-cache.ts';

export interface ReadThrough<T> {
  cache: TieredCache;
  key: string;
  parse: Parse<T>;
  /** The flight's name (and its Redis lock's). */
  flight: string;
  /** Runs on a cache miss, before the flight. */
  onMiss?: () => Promise<void>;
  /** Produces the value and stores it in `cache`, where the replicas that waited read it. */
  work: () => Promise<T>;
}

/**
 * Single-flight across replicas: with Redis up, the replica that takes a short lock does the work
 * and stores its result; the others wait for that result instead of calling upstream themselves.
 * Without Redis (or on any Redis error) it is the per-process single-flight alone.
 */
export class SharedFlight {
  constructor(
    private readonly redis: Redis | undefined,
    private readonly local: SingleFlight,
    /** How long a replica waits for another's result (about one upstream deadline). */
    private readonly waitMs: number,
    private readonly pollMs = 20,
  ) {}

  /** The value cached under `key`; on a miss, `work` run once across replicas. */
  async readThrough<T>({ cache, key, parse, flight, onMiss, work }: ReadThrough<T>): Promise<T> {
    const cached = await cache.get(key, parse);
    if (cached !== undefined) return cached;
    await onMiss?.();
    return this.run(flight, () => cache.get(key, parse), work);
  }

  /** `peek` reads the shared result another replica may have stored; `work` produces (and stores) it. */
  run<T>(key: string, peek: () => Promise<T | undefined>, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const redis = this.redis;
      if (redis?.status !== 'ready') return work();
      const lock = `av:lock:${key}`;
      let acquired = false;
      try {
        acquired = (await redis.set(lock, '1', 'PX', this.waitMs, 'NX')) === 'OK';
      } catch {
        return work();
      }
      if (acquired) {
        try {
          // Another replica may have stored its result and released the lock between our cache
          // miss and this lock: use that result rather than call upstream a second time.
          const shared = await peek();
          if (shared !== undefined) return shared;
          return await work();
        } finally {
          redis.del(lock).catch(() => undefined);
        }
      }
      const deadline = Date.now() + this.waitMs;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, this.pollMs));
        const shared = await peek();
        if (shared !== undefined) return shared;
        // The other replica gave up (its call failed, and failures are not cached): try ourselves.
        const held = await redis.exists(lock).catch(() => 0);
        if (held === 0) break;
      }
      // The holder let go: it stored its result just now (look once more), or its call failed.
      const shared = await peek();
      if (shared !== undefined) return shared;
      return work();
    });
  }
}
