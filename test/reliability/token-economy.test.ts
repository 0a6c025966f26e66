// Three replicas, one Redis, 20 connections spread over them round robin for several cache
// lifetimes: Genesys sees at most one validation per token per token TTL, and at most one read per
// agent and conversation per conversation TTL, however the requests are spread. This extends
// test/proxy/scale-out.test.ts (one cold burst) to sustained load across expiries, with each replica in its
// own process and every Genesys call logged by a recording gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import {
  type ChildProxy,
  groupBy,
  type RecordingGate,
  runLoad,
  spawnProxy,
  startRecordingGate,
  tally,
} from '../support/load.ts';
import { type Agent, isNormal, latencies, MixedTraffic, type Outcome } from '../support/traffic.ts';

const CONNECTIONS = 20;
const DURATION_MS = 15_000;
const TOKEN_TTL_MS = 3_000;
const CONVERSATION_TTL_MS = 3_000;
/** Timer and clock granularity between the gate's timestamps and the caches' expiry. */
const CLOCK_SLACK_MS = 50;

let stack: Stack;
let gate: RecordingGate;
let replicas: ChildProxy[] = [];

beforeAll(async () => {
  stack = await startStack({ swift: true, redis: true });
  gate = await startRecordingGate(stack.sandboxUrl);
  const settings = {
    ...stack.settings,
    GENESYS_API_BASE: gate.url,
    TOKEN_CACHE_TTL_SECONDS: String(TOKEN_TTL_MS / 1000),
    CONVERSATION_CACHE_TTL_SECONDS: String(CONVERSATION_TTL_MS / 1000),
  };
  replicas = await Promise.all([spawnProxy(settings), spawnProxy(settings), spawnProxy(settings)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await gate?.close();
  await stack?.stop();
});

type Call = RecordingGate['calls'][number];

/**
 * The gaps between consecutive successful calls of each key: the next call's arrival minus the
 * answer. `excused` names pairs the proxy rightly calls again (a read left partial is not cached).
 */
function gaps(
  calls: RecordingGate['calls'],
  key: (c: Call) => string | undefined,
  excused: (previous: Call, current: Call) => boolean = () => false,
) {
  const byKey = groupBy(
    calls.filter((c) => key(c) !== undefined),
    (c) => key(c) as string,
  );
  const result: { key: string; calls: number; minGapMs: number }[] = [];
  for (const [k, list] of Object.entries(byKey)) {
    const sorted = [...list].sort((a, b) => a.receivedAt - b.receivedAt);
    let minGapMs = Number.POSITIVE_INFINITY;
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as (typeof sorted)[number];
      const current = sorted[i] as (typeof sorted)[number];
      if (excused(previous, current)) continue;
      minGapMs = Math.min(minGapMs, current.receivedAt - (previous.answeredAt ?? previous.receivedAt));
    }
    result.push({ key: k, calls: sorted.length, minGapMs });
  }
  return result;
}

describe('three replicas sharing one Redis under sustained load', () => {
  it('validate each token at most once per token TTL and read each conversation at most once per conversation TTL', async () => {
    const agents: Agent[] = [
      { user: 'alice', token: stack.tokens.alice },
      { user: 'quinn', token: stack.tokens.quinn },
      { user: 'alice', token: stack.control.issueToken('alice') },
      { user: 'alice', token: stack.control.issueToken('alice') },
      { user: 'quinn', token: stack.control.issueToken('quinn') },
      { user: 'quinn', token: stack.control.issueToken('quinn') },
    ];
    const userOf = new Map(agents.map((a) => [a.token, a.user]));
    const mix = new MixedTraffic({
      proxyUrls: replicas.map((r) => r.url),
      agents,
      outsider: { user: 'bob', token: stack.tokens.bob },
      // Refusals that Genesys gives (bob reading what he may not) are never cached: left out here.
      weights: { 'deny.foreign': 0 },
    });
    const outcomes: Outcome[] = [];
    const run = await runLoad({
      connections: CONNECTIONS,
      durationMs: DURATION_MS,
      next: () => mix.next(),
      onSample: (s) => void outcomes.push(mix.observe(s)),
      keep: () => false,
    });

    expect(
      tally(
        outcomes.filter((o) => !isNormal(o)),
        (o) => `${o.kind} ${o.status} ${o.code}`,
      ),
    ).toEqual({});
    expect(new Set(outcomes.map((o) => o.proxy)).size).toBe(3);
    for (const r of replicas) expect(r.alive()).toBe(true);

    const validations = gaps(
      gate.calls.filter((c) => c.endpoint === 'users.me'),
      (c) => c.token,
    );
    const readKey = (c: Call) => (c.token ? `${userOf.get(c.token)}:${c.conversationId}` : undefined);
    // Message bodies or email pages that failed (a deadline on a starved machine) leave the read
    // partial, and a partial read is read again by design (proxy/auth/conversation-access.ts).
    const failedParts = gate.calls.filter(
      (c) => (c.endpoint === 'messages.bulk' || c.endpoint === 'emails.list') && !c.ok,
    );
    const partial = (previous: Call, current: Call) =>
      failedParts.some(
        (f) =>
          readKey(f) === readKey(previous) &&
          f.receivedAt >= previous.receivedAt &&
          f.receivedAt <= current.receivedAt,
      );
    const reads = gaps(
      gate.calls.filter((c) => c.endpoint === 'conversations.get'),
      readKey,
      partial,
    );
    const seconds = (run.endedAt - run.startedAt) / 1000;
    console.info(
      JSON.stringify({
        figure: 'token economy',
        replicas: 3,
        requests: run.total,
        seconds,
        latency: latencies(outcomes),
        byReplica: tally(outcomes, (o) => o.proxy),
        validations: validations.map((v) => ({ calls: v.calls, minGapMs: v.minGapMs })),
        reads: reads.map((r) => ({ key: r.key.split(':')[0], calls: r.calls, minGapMs: r.minGapMs })),
        genesysCalls: tally(gate.calls, (c) => c.endpoint),
        failedParts: failedParts.length,
      }),
    );

    // Every token was used and validated; never twice within one TTL, whichever replica asked.
    expect(validations.map((v) => v.key).sort()).toEqual(agents.map((a) => a.token).sort());
    const windows = Math.ceil((seconds * 1000) / TOKEN_TTL_MS) + 1;
    for (const v of validations) {
      expect(v.calls).toBeLessThanOrEqual(windows);
      if (v.calls > 1) expect(v.minGapMs).toBeGreaterThanOrEqual(TOKEN_TTL_MS - CLOCK_SLACK_MS);
    }
    // The load outlived several TTLs, so expiry (and the race after it) really was exercised.
    expect(Math.max(...validations.map((v) => v.calls))).toBeGreaterThanOrEqual(3);
    for (const r of reads) {
      if (r.calls > 1) expect(r.minGapMs).toBeGreaterThanOrEqual(CONVERSATION_TTL_MS - CLOCK_SLACK_MS);
    }
  }, 60_000);
});
