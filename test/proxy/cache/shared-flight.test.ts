// Replicas are two SharedFlight instances on their own connections to one real Redis, as two proxy
// processes would be: the lock and its lease live in Redis, the timers in each instance.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedFlight } from '../../../proxy/cache/shared-flight.ts';
import { SingleFlight } from '../../../proxy/cache/single-flight.ts';
import { type RedisServer, startRedis } from '../../../scripts/local-stack/redis.ts';

const LEASE_MS = 300;

let server: RedisServer;
const connections: Redis[] = [];

async function connection(): Promise<Redis> {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 0, lazyConnect: true });
  await redis.connect();
  connections.push(redis);
  return redis;
}

async function replica(maxWaitMs = LEASE_MS * 20): Promise<SharedFlight> {
  return new SharedFlight(await connection(), new SingleFlight(), {
    leaseMs: LEASE_MS,
    maxWaitMs,
    pollMs: 10,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startRedis();
});

afterAll(async () => {
  for (const c of connections) c.disconnect();
  await server?.stop();
});

describe('SharedFlight across replicas', () => {
  it('calls upstream once however much longer than its lease the holder works', async () => {
    const [a, b] = [await replica(), await replica()];
    let stored: string | undefined;
    let calls = 0;
    const work = async () => {
      calls++;
      await sleep(LEASE_MS * 4);
      stored = 'value';
      return stored;
    };
    const peek = async () => stored;
    const first = a.run('slow', peek, work);
    await sleep(20);
    const second = b.run('slow', peek, work);
    await expect(Promise.all([first, second])).resolves.toEqual(['value', 'value']);
    expect(calls).toBe(1);
  });

  it('takes over within about one lease from a holder that died mid-flight', async () => {
    const redis = await connection();
    // A lock as a replica leaves it when its process is killed: taken, never renewed or released.
    await redis.set('av:lock:orphan', 'dead-replica', 'PX', LEASE_MS);
    const b = await replica();
    const started = Date.now();
    let calls = 0;
    const value = await b.run(
      'orphan',
      async () => undefined,
      async () => {
        calls++;
        return 'recomputed';
      },
    );
    const waited = Date.now() - started;
    expect(value).toBe('recomputed');
    expect(calls).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(LEASE_MS - 50);
    expect(waited).toBeLessThan(LEASE_MS * 20);
  });

  it('neither renews nor deletes a lock another replica took after its own lapsed', async () => {
    const redis = await connection();
    const a = await replica();
    const finishing = a.run(
      'lapsed',
      async () => undefined,
      async () => {
        // A stall long enough for the lease to lapse and another replica to lock.
        await redis.set('av:lock:lapsed', 'other-replica', 'PX', LEASE_MS * 10);
        await sleep(LEASE_MS);
        return 'late';
      },
    );
    await expect(finishing).resolves.toBe('late');
    await sleep(20);
    expect(await redis.get('av:lock:lapsed')).toBe('other-replica');
    expect(await redis.pttl('av:lock:lapsed')).toBeLessThanOrEqual(LEASE_MS * 10 - LEASE_MS);
  });

  it('gives up waiting on a live holder after maxWaitMs and calls upstream itself', async () => {
    const a = await replica();
    const b = await replica(LEASE_MS * 2);
    let release: () => void = () => undefined;
    const stuck = a.run(
      'stuck',
      async () => undefined,
      () => new Promise<string>((resolve) => (release = () => resolve('holder'))),
    );
    await sleep(20);
    const started = Date.now();
    await expect(
      b.run(
        'stuck',
        async () => undefined,
        async () => 'waiter',
      ),
    ).resolves.toBe('waiter');
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS * 2 - 50);
    release();
    await expect(stuck).resolves.toBe('holder');
  });
});
