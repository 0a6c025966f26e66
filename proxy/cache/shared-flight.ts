import { randomUUID } from 'node:crypto';
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

export interface SharedFlightTimes {
  /**
   * How long the lock lives without its holder renewing it: how soon the others take over from a
   * replica that died mid-flight. The holder renews it at a third of this while it works.
   */
  leaseMs: number;
  /** How long a replica waits for a live holder before calling upstream itself. */
  maxWaitMs: number;
  pollMs: number;
}

// Renew and release only the lock this holder took: after a stall long enough for its lease to lapse
// and another replica to lock, the late holder must neither extend nor delete that replica's lock.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Single-flight across replicas: with Redis up, the replica that takes a short lock does the work
 * and stores its result; the others wait for that result instead of calling upstream themselves.
 * The holder keeps its lock alive for as long as it works, so a slow upstream answer (several
 * deadlines for a conversation with many messages) does not let a second replica call upstream too.
 * Without Redis (or on any Redis error) it is the per-process single-flight alone.
 */
export class SharedFlight {
  private readonly times: SharedFlightTimes;

  constructor(
    private readonly redis: Redis | undefined,
    private readonly local: SingleFlight,
    times: Pick<SharedFlightTimes, 'leaseMs'> & Partial<SharedFlightTimes>,
  ) {
    this.times = { maxWaitMs: times.leaseMs * 4, pollMs: 20, ...times };
  }

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
      const holder = randomUUID();
      let acquired = false;
      try {
        acquired = (await redis.set(lock, holder, 'PX', this.times.leaseMs, 'NX')) === 'OK';
      } catch {
        return work();
      }
      if (acquired) return this.hold(redis, lock, holder, peek, work);
      return this.waitForHolder(redis, lock, peek, work);
    });
  }

  private async hold<T>(
    redis: Redis,
    lock: string,
    holder: string,
    peek: () => Promise<T | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    const { leaseMs } = this.times;
    const renewal = setInterval(() => {
      redis.eval(RENEW, 1, lock, holder, leaseMs).catch(() => undefined);
    }, leaseMs / 3);
    renewal.unref();
    try {
      // Another replica may have stored its result and released the lock between our cache
      // miss and this lock: use that result rather than call upstream a second time.
      const shared = await peek();
      if (shared !== undefined) return shared;
      return await work();
    } finally {
      clearInterval(renewal);
      redis.eval(RELEASE, 1, lock, holder).catch(() => undefined);
    }
  }

  private async waitForHolder<T>(
    redis: Redis,
    lock: string,
    peek: () => Promise<T | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + this.times.maxWaitMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, this.times.pollMs));
      const shared = await peek();
      if (shared !== undefined) return shared;
      // The holder let go (its call failed, and failures are not cached) or died (its lease ran out).
      const held = await redis.exists(lock).catch(() => 0);
      if (held === 0) break;
    }
    // The holder let go: it stored its result just now (look once more), or its call failed.
    const shared = await peek();
    if (shared !== undefined) return shared;
    return work();
  }
}
