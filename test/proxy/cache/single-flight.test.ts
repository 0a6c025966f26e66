import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../../proxy/cache/single-flight.ts';

describe('SingleFlight', () => {
  it('runs concurrent work for one key once, and again after it failed', async () => {
    const flights = new SingleFlight();
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      throw new Error('upstream down');
    };
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => flights.run('k', work)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await flights.run('k', work).catch(() => undefined);
    expect(calls).toBe(2);
  });
});
