// A minute of mixed traffic at 20 connections against the proxy in its own process, in front of the
// sandbox org, Swift and Redis: every answer is the one its request expects, memory levels off, no
// descriptor leaks, and every link a client received has exactly one audit record.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import {
  type ChildProxy,
  groupBy,
  type MemoryAfterGc,
  median,
  quantile,
  readAuditDir,
  runLoad,
  spawnProxy,
  tally,
} from '../support/load.ts';
import { isNormal, latencies, MixedTraffic, type Outcome, sampleAgents } from '../support/traffic.ts';

const CONNECTIONS = 20;
const WARMUP_MS = 5_000;
/** The first and the last 10 s of the measured minute are compared. */
const WINDOW_MS = 10_000;
/** When, in each window, the live heap is measured (after a full collection in the proxy). */
const PROBES_IN_WINDOW_MS = [2_000, 5_000, 8_000];
/** RSS is read twice a second, for the report. */
const RSS_EVERY_MS = 500;

function loadSeconds(): number {
  const value = process.env.LOAD_SECONDS ?? '60';
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 2 * (WINDOW_MS / 1000))
    throw new Error(`LOAD_SECONDS must be a whole number of seconds, at least 20 (got "${value}")`);
  return seconds;
}

/** A minute by default; LOAD_SECONDS=600 makes it a soak with the same assertions. */
const DURATION_MS = loadSeconds() * 1000;

let stack: Stack;
let proxy: ChildProxy;
const outcomes: Outcome[] = [];

beforeAll(async () => {
  stack = await startStack({ swift: true, redis: true });
  proxy = await spawnProxy(stack.settings);
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await stack?.stop();
});

function traffic(): MixedTraffic {
  return new MixedTraffic({ proxyUrls: [proxy.url], ...sampleAgents(stack) });
}

describe('a minute of mixed traffic at 20 connections', () => {
  const rss: { at: number; kib: number }[] = [];
  const live: { at: number; memory: MemoryAfterGc }[] = [];
  let fdBefore = 0;
  let fdAfter = 0;
  let kindsBefore: Record<string, number> = {};
  let kindsAfter: Record<string, number> = {};

  it(
    'answers every request as expected, with memory level and no descriptor leak',
    async () => {
      const mix = traffic();
      // Warm-up at full concurrency: caches, JIT, and every connection pool at its working size.
      await runLoad({
        connections: CONNECTIONS,
        durationMs: WARMUP_MS,
        next: () => mix.next(),
        onSample: (s) => void mix.observe(s),
        keep: () => false,
      });
      await sleep(1_000);
      fdBefore = proxy.fdCount();
      kindsBefore = proxy.fdKinds();

      const started = Date.now();
      const sampler = setInterval(
        () => rss.push({ at: Date.now() - started, kib: proxy.rssKiB() }),
        RSS_EVERY_MS,
      );
      const probing: Promise<void>[] = [];
      const probeErrors: string[] = [];
      const probes = [0, DURATION_MS - WINDOW_MS].flatMap((windowStart) =>
        PROBES_IN_WINDOW_MS.map((offset) =>
          setTimeout(() => {
            const at = Date.now() - started;
            // Settled here, so a failed probe is this test's failure (below), never an unhandled rejection.
            probing.push(
              proxy.memoryAfterGc().then(
                (memory) => void live.push({ at, memory }),
                (error: unknown) => void probeErrors.push(String(error)),
              ),
            );
          }, windowStart + offset),
        ),
      );
      let run: Awaited<ReturnType<typeof runLoad>>;
      try {
        run = await runLoad({
          connections: CONNECTIONS,
          durationMs: DURATION_MS,
          next: () => mix.next(),
          onSample: (s) => void outcomes.push(mix.observe(s)),
          keep: () => false,
        });
      } finally {
        clearInterval(sampler);
        for (const probe of probes) clearTimeout(probe);
      }
      await Promise.all(probing);
      // Idle long enough for the proxy's keep-alive timeout (5 s) to close our connections.
      await sleep(6_000);
      fdAfter = proxy.fdCount();
      kindsAfter = proxy.fdKinds();

      const unexpected = outcomes.filter((o) => !isNormal(o));
      const byKind = Object.fromEntries(
        Object.entries(groupBy(outcomes, (o) => o.kind)).map(([k, list]) => [
          k,
          { n: list.length, ...latencies(list) },
        ]),
      );
      // The live heap plus memory outside it (Buffers): what a leak would grow.
      const liveBytes = (m: MemoryAfterGc) => m.heapUsed + m.external;
      const firstLive = live.filter((p) => p.at < WINDOW_MS).map((p) => liveBytes(p.memory));
      const lastLive = live.filter((p) => p.at >= DURATION_MS - WINDOW_MS).map((p) => liveBytes(p.memory));
      const first = rss.filter((s) => s.at < WINDOW_MS).map((s) => s.kib);
      const last = rss.filter((s) => s.at >= DURATION_MS - WINDOW_MS).map((s) => s.kib);
      const mib = (kib: number) => Math.round(kib / 102.4) / 10;
      const bytesMib = (bytes: number) => mib(bytes / 1024);
      console.info(
        JSON.stringify(
          {
            figure: 'load',
            requests: run.total,
            seconds: (run.endedAt - run.startedAt) / 1000,
            rps: Math.round(run.total / ((run.endedAt - run.startedAt) / 1000)),
            statuses: tally(outcomes, (o) => `${o.status}${o.code ? ` ${o.code}` : ''}`),
            latency: latencies(outcomes),
            byKind,
            liveMiB: {
              first: firstLive.map(bytesMib),
              last: lastLive.map(bytesMib),
              drift: Math.round((median(lastLive) / median(firstLive) - 1) * 1000) / 10,
              heapTotalLast: bytesMib(live.at(-1)?.memory.heapTotal ?? Number.NaN),
              rssAfterCollection: live.map((p) => bytesMib(p.memory.rss)),
            },
            rssMiB: {
              firstP90: mib(quantile(first, 0.9)),
              lastP90: mib(quantile(last, 0.9)),
              firstMedian: mib(median(first)),
              lastMedian: mib(median(last)),
              min: mib(Math.min(...rss.map((s) => s.kib))),
              max: mib(Math.max(...rss.map((s) => s.kib))),
            },
            rssSeriesMiB: rss
              .filter((_, i) => i % 2 === 0)
              .map((s) => Math.round(s.kib / 1024))
              .join(' '),
            fd: { before: fdBefore, after: fdAfter, kindsBefore, kindsAfter },
          },
          null,
          1,
        ),
      );

      expect(proxy.alive()).toBe(true);
      expect(run.total).toBeGreaterThan(1_000);
      expect(tally(unexpected, (o) => `${o.kind} ${o.status} ${o.code ?? o.error ?? ''}`)).toEqual({});
      // Every kind of traffic was actually exercised.
      for (const kind of Object.keys(byKind)) expect(byKind[kind]?.n, kind).toBeGreaterThan(10);
      expect(Object.keys(byKind).sort()).toHaveLength(10);

      // Memory: the proxy's live memory (heap after a full collection, plus Buffers and other
      // memory outside the heap), the median of three measurements in each window, within ±10 % from
      // the first 10 s to the last. RSS is printed above but not asserted: it saws with V8's
      // collection cycle and V8 grows its heap reservation with the allocation rate, so its 10 s
      // windows differ by more than 10 % in leak-free runs (docs/reliability.md, "Memory").
      expect(probeErrors).toEqual([]);
      expect(live.map((p) => p.memory.collected)).not.toContain(false);
      expect(firstLive.length).toBe(PROBES_IN_WINDOW_MS.length);
      expect(lastLive.length).toBe(PROBES_IN_WINDOW_MS.length);
      const drift = median(lastLive) / median(firstLive) - 1;
      expect(
        Math.abs(drift),
        `live memory ${firstLive.map(bytesMib).join('/')} → ${lastLive.map(bytesMib).join('/')} MiB`,
      ).toBeLessThanOrEqual(0.1);

      // Descriptors: back where they were after the warm-up (pools at working size), give or take a few
      // keep-alive sockets to Swift and the sandbox that an idle pool may have closed or not yet.
      expect(fdAfter, JSON.stringify({ kindsBefore, kindsAfter })).toBeLessThanOrEqual(fdBefore + 5);
    },
    DURATION_MS + WARMUP_MS + 60_000,
  );

  it('wrote exactly one link.issued record for every link a client received, and none for any other', async () => {
    const { records, unparseable } = await readAuditDir(proxy.auditDir);
    expect(unparseable).toEqual([]);
    const issued = new Map<string, Record<string, unknown>[]>();
    for (const r of records) {
      if (r.event !== 'link.issued') continue;
      const id = String(r.requestId);
      issued.set(id, [...(issued.get(id) ?? []), r]);
    }
    const granted = outcomes.filter((o) => o.kind.startsWith('link.') && o.status === 200);
    expect(granted.length).toBeGreaterThan(1_000);
    const problems: string[] = [];
    for (const o of granted) {
      const mine = issued.get(o.requestId ?? '') ?? [];
      if (mine.length !== 1) problems.push(`${o.requestId}: ${mine.length} records`);
      else if (mine[0]?.conversation !== o.conversationId || mine[0]?.attachment !== o.attachmentId)
        problems.push(`${o.requestId}: record names another file`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // The other way round: no record of a link that no client received (the warm-up's links aside,
    // every request of the measured minute was answered in full).
    const seen = new Set(granted.map((o) => o.requestId));
    // A loop, not Math.min(...): a soak has more outcomes than a call can take arguments.
    const measuredStart = outcomes.reduce((min, o) => Math.min(min, o.sentAt), Number.POSITIVE_INFINITY);
    const orphans = [...issued.entries()].filter(
      ([id, [r]]) => !seen.has(id) && Date.parse(String(r?.time)) >= measuredStart,
    );
    expect(orphans.map(([id]) => id)).toEqual([]);

    // Refusals are recorded too, with their reason.
    const denied = new Map(records.filter((r) => r.event === 'link.denied').map((r) => [r.requestId, r]));
    for (const o of outcomes.filter((x) => x.kind.startsWith('deny.')))
      expect(denied.get(o.requestId)?.decision, o.requestId).toBe(o.code);
    // And every file read the store served.
    const served = new Set(records.filter((r) => r.event === 'file.served').map((r) => r.requestId));
    const reads = outcomes.filter((o) => o.kind === 'read.store');
    expect(reads.filter((o) => !served.has(o.requestId))).toEqual([]);
  });

  it('never wrote a token or a link signature to the proxy log or the audit trail', async () => {
    const log = await proxy.log();
    expect(log.length).toBeGreaterThan(10_000);
    const { records } = await readAuditDir(proxy.auditDir);
    const text = `${log}\n${JSON.stringify(records)}`;
    const secrets = [
      stack.tokens.alice,
      stack.tokens.quinn,
      stack.tokens.bob,
      ...new Set(outcomes.map((o) => o.token).filter((t): t is string => !!t)),
    ];
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
    expect(text).not.toMatch(/[?&]sig=|X-Amz-Signature=|\/relay\/k1\./);
  });
});
