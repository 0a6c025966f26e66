// Faults while 20 connections of mixed traffic keep coming, one at a time and then all together:
// Redis killed, Swift stopped, the Genesys org answering 500, 429 with Retry-After, or nothing. The
// proxy runs in its own process behind a recording gate that logs every Genesys call it makes, so
// the test can show that no link was ever granted without a fresh successful check (defined below),
// that every refusal was a clear 503 or 429 with Retry-After, that service came back within seconds
// of each fault's end, that the process never crashed and that no file descriptor leaked.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../sandbox/control/faults.ts';
import { sampleAttachment } from '../../sandbox/sample-data/sample-attachments.ts';
import {
  conversationIds,
  requireRedis,
  requireSwift,
  type Stack,
  startStack,
} from '../../scripts/local-stack/stack.ts';
import {
  type ChildProxy,
  errorCode,
  httpRequest,
  type LoadRun,
  type RecordingGate,
  runLoad,
  spawnProxy,
  startRecordingGate,
  tally,
} from '../support/load.ts';
import { isNormal, type Kind, MixedTraffic, type Outcome, sampleAgents } from '../support/traffic.ts';

const CONNECTIONS = 20;
// Short cache lifetimes, so that a fault of a few seconds outlives every cached decision and the
// load itself shows what an uncached request gets.
const TOKEN_TTL_MS = 3_000;
const CONVERSATION_TTL_MS = 3_000;
const GENESYS_TIMEOUT_MS = 1_000;
/** Storage facts (size, verdict, first bytes) of a clean file are remembered 10 s (link-service.ts). */
const INSPECT_TTL_MS = 10_000;
/** Time for a cached decision made just before a fault to run out, plus scheduling slack. */
const SETTLE_MS = Math.max(TOKEN_TTL_MS, CONVERSATION_TTL_MS) + 1_500;
/** How long a cache entry may outlive the upstream answer it came from (answer → stored). */
const STORE_SLACK_MS = 1_000;
const RECOVERY_BOUND_MS = 15_000;

const API_KINDS: Kind[] = [
  'status',
  'session',
  'link.store',
  'link.s3',
  'link.genesys',
  'deny.infected',
  'deny.pending',
  'deny.foreign',
];

const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
const damageFront = sampleAttachment(conversationIds.openMessagingS3, 'damage-front.jpg');
const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');

let stack: Stack;
let gate: RecordingGate;
let proxy: ChildProxy;
const outcomes: Outcome[] = [];
const load = new AbortController();
let loadRun: Promise<LoadRun> | undefined;
let fdBefore = 0;
let kindsBefore: Record<string, number> = {};

/** A fault phase: when it started, when it ended, when service was back, and what probes saw. */
interface Phase {
  name: string;
  start: number;
  /**
   * When ending the fault began: the last moment it was certainly in force. Restarting Swift or Redis
   * takes a while, and they answer again before the restart call returns.
   */
  end: number;
  /** When the call that ended the fault returned; recovery is measured from here. */
  restored: number;
  recovered: number;
  probes: Outcome[];
}
const phases: Phase[] = [];
/** Every agent token used, to its user (conversation decisions are cached per user). */
const userOfToken = new Map<string, string>();

beforeAll(async () => {
  stack = await startStack({ swift: true, redis: true });
  gate = await startRecordingGate(stack.sandboxUrl);
  proxy = await spawnProxy({
    ...stack.settings,
    GENESYS_API_BASE: gate.url,
    TOKEN_CACHE_TTL_SECONDS: String(TOKEN_TTL_MS / 1000),
    CONVERSATION_CACHE_TTL_SECONDS: String(CONVERSATION_TTL_MS / 1000),
    GENESYS_TIMEOUT_MS: String(GENESYS_TIMEOUT_MS),
    S3_TIMEOUT_MS: '1000',
  });
  const { agents, outsider } = sampleAgents(stack);
  for (const a of [...agents, outsider]) userOfToken.set(a.token, a.user);
  const mix = new MixedTraffic({ proxyUrls: [proxy.url], agents, outsider });
  // Prime every pool at working size, then take the descriptor baseline at rest.
  await runLoad({
    connections: CONNECTIONS,
    durationMs: 3_000,
    next: () => mix.next(),
    onSample: (s) => void mix.observe(s),
    keep: () => false,
  });
  await sleep(6_000);
  fdBefore = proxy.fdCount();
  kindsBefore = proxy.fdKinds();
  loadRun = runLoad({
    connections: CONNECTIONS,
    signal: load.signal,
    next: () => mix.next(),
    onSample: (s) => void outcomes.push(mix.observe(s)),
    keep: () => false,
    timeoutMs: 10_000,
  });
  await sleep(2_000);
}, 90_000);

afterAll(async () => {
  load.abort();
  await loadRun;
  stack?.control.clearFaults();
  await proxy?.stop();
  await gate?.close();
  await stack?.stop();
});

/** A link request with a token nobody has used before: it needs a successful check now. */
async function probe(
  attachment: { conversationId: string; id: string },
  kind: Kind = 'link.store',
): Promise<Outcome> {
  const token = stack.control.issueToken('alice');
  userOfToken.set(token, 'alice');
  const sentAt = Date.now();
  const t0 = performance.now();
  const r = await httpRequest(`${proxy.url}/api/v1/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId: attachment.conversationId, attachmentId: attachment.id }),
    timeoutMs: 10_000,
  });
  const outcome: Outcome = {
    kind,
    proxy: proxy.url,
    sentAt,
    doneAt: Date.now(),
    ms: performance.now() - t0,
    status: r.status,
    user: 'alice',
    token,
    conversationId: attachment.conversationId,
    attachmentId: attachment.id,
  };
  const code = r.status >= 400 ? errorCode(r) : undefined;
  if (code) outcome.code = code;
  if (typeof r.headers['retry-after'] === 'string') outcome.retryAfter = r.headers['retry-after'];
  if (typeof r.headers['x-request-id'] === 'string') outcome.requestId = r.headers['x-request-id'];
  return outcome;
}

/**
 * Injects a fault, holds it for `holdMs` while probing with fresh tokens every half second, ends it,
 * then polls with fresh tokens until a link for a store, an S3 and a Genesys file are all granted.
 */
async function runPhase(
  name: string,
  holdMs: number,
  inject: () => Promise<void> | void,
  end: () => Promise<void> | void,
): Promise<Phase> {
  const probes: Outcome[] = [];
  const start = Date.now();
  await inject();
  while (Date.now() - start < holdMs) {
    probes.push(await probe(notes));
    await sleep(500);
  }
  const ending = Date.now();
  await end();
  const ended = Date.now();
  let recovered = 0;
  while (Date.now() - ended < RECOVERY_BOUND_MS) {
    const answers = await Promise.all([
      probe(notes),
      probe(damageFront, 'link.s3'),
      probe(policy, 'link.genesys'),
    ]);
    if (answers.every((a) => a.status === 200)) {
      recovered = Date.now();
      break;
    }
    await sleep(200);
  }
  const phase = { name, start, end: ending, restored: ended, recovered, probes };
  phases.push(phase);
  console.info(
    JSON.stringify({
      figure: 'fault',
      name,
      heldMs: ending - start,
      recoveryMs: recovered ? recovered - ended : 'never',
      probes: tally(probes, (p) => `${p.status}${p.code ? ` ${p.code}` : ''}`),
      load: tally(during(phase, 0), (o) => `${o.kind} ${o.status}${o.code ? ` ${o.code}` : ''}`),
    }),
  );
  return phase;
}

/** Load outcomes entirely inside the fault, once `settleMs` of it had passed. */
function during(phase: Phase, settleMs: number): Outcome[] {
  return outcomes.filter((o) => o.sentAt >= phase.start + settleMs && o.doneAt <= phase.end);
}

function expectRecovered(phase: Phase) {
  expect(phase.recovered, `${phase.name}: no link for every backend within 15 s`).toBeGreaterThan(0);
}

function expectRefusal(o: Outcome, status: 503 | 429, code: string, retryAfter?: string) {
  expect({ kind: o.kind, status: o.status, code: o.code }).toEqual({ kind: o.kind, status, code });
  if (retryAfter) expect(o.retryAfter).toBe(retryAfter);
  else expect(Number(o.retryAfter)).toBeGreaterThan(0);
}

/** Genesys refuses everything one way: API requests and relay reads each get their clear answer. */
function expectGenesysFault(phase: Phase, api: { status: 503 | 429; code: string; retryAfter?: string }) {
  const settled = during(phase, SETTLE_MS);
  const api_ = settled.filter((o) => API_KINDS.includes(o.kind));
  expect(api_.length).toBeGreaterThan(10);
  for (const o of api_) expectRefusal(o, api.status, api.code, api.retryAfter);
  // Relayed bytes come from Genesys too: its 429 and Retry-After pass through; anything else is 503.
  for (const o of settled.filter((x) => x.kind === 'read.relay')) {
    if (api.status === 429) expectRefusal(o, 429, 'upstream_rate_limited', api.retryAfter);
    else expectRefusal(o, 503, 'storage_unavailable');
  }
  // The local store needs nothing from Genesys.
  for (const o of settled.filter((x) => x.kind === 'read.store')) expect(isNormal(o)).toBe(true);
  // A token first seen during the fault never gets a link.
  expect(phase.probes.length).toBeGreaterThan(3);
  for (const p of phase.probes) {
    expect(p.status, JSON.stringify(p)).not.toBe(200);
    expect([429, 503]).toContain(p.status);
    expect(Number(p.retryAfter)).toBeGreaterThan(0);
  }
}

const genesysFault = (fault: Fault) => () => stack.control.setFault('*', fault);
const clearGenesys = () => stack.control.clearFaults();

describe('faults during 20 connections of mixed traffic', () => {
  it('keeps answering, correctly, while Redis is killed, and shares decisions again once it is back', async () => {
    const phase = await runPhase(
      'redis killed',
      6_000,
      () => requireRedis(stack).kill(),
      () => requireRedis(stack).restart(),
    );
    expectRecovered(phase);
    // Nothing the clients see changes: each replica falls back to its own cache.
    const affected = outcomes.filter((o) => o.sentAt >= phase.start && o.doneAt <= phase.recovered);
    expect(affected.length).toBeGreaterThan(100);
    expect(
      tally(
        affected.filter((o) => !isNormal(o)),
        (o) => `${o.kind} ${o.status} ${o.code}`,
      ),
    ).toEqual({});
    for (const p of phase.probes) expect(p.status).toBe(200);
    // And the replica writes to the restarted Redis again.
    const { Redis } = await import('ioredis');
    const client = new Redis(requireRedis(stack).url, { maxRetriesPerRequest: 0, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const deadline = Date.now() + RECOVERY_BOUND_MS;
      let keys: string[] = [];
      while (Date.now() < deadline && keys.length === 0) {
        keys = await client.keys('av:token:*');
        if (keys.length === 0) await sleep(200);
      }
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  }, 60_000);

  it('answers S3 links with 503 storage_unavailable while Swift is down, serves the other backends, and recovers', async () => {
    const phase = await runPhase(
      'swift stopped',
      INSPECT_TTL_MS + 4_000,
      () => void process.kill(requireSwift(stack).pids.proxy, 'SIGKILL'),
      () => requireSwift(stack).restart(),
    );
    expectRecovered(phase);
    // Once the storage facts remembered before the outage have run out, every S3 link is refused.
    const settled = during(phase, INSPECT_TTL_MS + 1_000);
    const s3Links = settled.filter((o) => o.kind === 'link.s3');
    expect(s3Links.length).toBeGreaterThan(5);
    const granted = s3Links
      .filter((o) => o.status === 200)
      .map((o) => `sent ${o.sentAt - phase.start} ms in`);
    expect(granted, 'S3 links granted after the remembered facts ran out').toEqual([]);
    for (const o of s3Links) expectRefusal(o, 503, 'storage_unavailable');
    // Before that, an S3 link is either still granted from the remembered facts or refused the same way.
    for (const o of during(phase, 0).filter((x) => x.kind === 'link.s3'))
      expect(
        o.status === 200 || (o.status === 503 && o.code === 'storage_unavailable'),
        `${o.kind} answered ${o.status} ${o.code} ${o.sentAt - phase.start} ms into the outage`,
      ).toBe(true);
    // Files in the local store and in Genesys are served throughout.
    const others = during(phase, 0).filter((o) => !o.kind.endsWith('s3') && !o.kind.startsWith('deny.'));
    expect(
      tally(
        others.filter((o) => !isNormal(o)),
        (o) => `${o.kind} ${o.status} ${o.code}`,
      ),
    ).toEqual({});
    // Refusals of S3 files the scanner flagged need the storage too: refused as they were, or 503.
    for (const o of during(phase, 0).filter((x) => x.kind.startsWith('deny.')))
      expect(
        isNormal(o) || (o.status === 503 && o.code === 'storage_unavailable'),
        `${o.kind} answered ${o.status} ${o.code} ${o.sentAt - phase.start} ms into the outage`,
      ).toBe(true);
    for (const p of phase.probes) expect(p.status).toBe(200);
  }, 60_000);

  it('answers 503 with Retry-After while Genesys answers 500, and recovers', async () => {
    const phase = await runPhase('genesys 500', 8_000, genesysFault({ status: 500 }), clearGenesys);
    expectRecovered(phase);
    expectGenesysFault(phase, { status: 503, code: 'upstream_unavailable' });
  }, 60_000);

  it('passes 429 and its Retry-After through while Genesys rate-limits, and recovers', async () => {
    const phase = await runPhase(
      'genesys 429 Retry-After: 42',
      8_000,
      genesysFault({ status: 429, retryAfter: 42 }),
      clearGenesys,
    );
    expectRecovered(phase);
    expectGenesysFault(phase, { status: 429, code: 'upstream_rate_limited', retryAfter: '42' });
  }, 60_000);

  it('answers 503 within its deadline while Genesys hangs, and recovers', async () => {
    const phase = await runPhase('genesys hangs', 8_000, genesysFault({ hang: true }), clearGenesys);
    expectRecovered(phase);
    expectGenesysFault(phase, { status: 503, code: 'upstream_unavailable' });
    // Nobody waited much past the deadline (bounded, not timed: 10x the Genesys deadline).
    expect(Math.max(...during(phase, 0).map((o) => o.ms))).toBeLessThan(10 * GENESYS_TIMEOUT_MS);
  }, 60_000);

  it('fails closed with Redis, Swift and Genesys all down at once, and recovers from all of them', async () => {
    const phase = await runPhase(
      'everything at once',
      8_000,
      async () => {
        stack.control.setFault('users.me', { status: 500 });
        stack.control.setFault('*', { hang: true });
        process.kill(requireSwift(stack).pids.proxy, 'SIGKILL');
        await requireRedis(stack).kill();
      },
      async () => {
        await Promise.all([requireSwift(stack).restart(), requireRedis(stack).restart()]);
        stack.control.clearFaults();
      },
    );
    expectRecovered(phase);
    expectGenesysFault(phase, { status: 503, code: 'upstream_unavailable' });
  }, 60_000);

  it('granted no link without a fresh successful check, refused only with Retry-After, and never crashed', async () => {
    load.abort();
    const run = await loadRun;
    expect(proxy.alive()).toBe(true);
    expect(run?.total).toBeGreaterThan(1_000);
    const all = [...outcomes, ...phases.flatMap((p) => p.probes)];

    // Every answer is the normal one, or a refusal that says when to come back. No 500, no dropped
    // connection, ever.
    const odd = all.filter(
      (o) => !isNormal(o) && !((o.status === 503 || o.status === 429) && Number(o.retryAfter) > 0),
    );
    expect(tally(odd, (o) => `${o.kind} ${o.status} ${o.code ?? o.error ?? ''}`)).toEqual({});

    // Between faults (from a second after recovery to the next fault), everything is normal again.
    for (const [i, phase] of phases.entries()) {
      const next = phases[i + 1]?.start ?? run?.endedAt ?? Date.now();
      const calm = outcomes.filter((o) => o.sentAt >= phase.recovered + 1_000 && o.doneAt <= next);
      expect(
        tally(
          calm.filter((o) => !isNormal(o)),
          (o) => `${o.kind} ${o.status} ${o.code}`,
        ),
        `after ${phase.name}`,
      ).toEqual({});
    }

    // A fresh successful check, for every link granted (load and probes alike):
    //  (a) Genesys accepted this very token (users/me, 200 with a JSON body, as logged by the gate)
    //      no longer than the token TTL before the request was sent (+1 s from answer to cache), and
    //      no later than the answer;
    //  (b) Genesys let this user read this conversation (GET /conversations/{id}, 200 with JSON)
    //      within the conversation TTL by the same measure;
    //  (c) for Genesys-hosted files, Genesys handed out the download URL during the request itself.
    const ok = gate.calls.filter((c) => c.ok && c.answeredAt !== undefined);
    const byToken = new Map<string, number[]>();
    const reads = new Map<string, number[]>();
    const downloads = new Map<string, number[]>();
    for (const c of ok) {
      const at = c.answeredAt as number;
      if (c.endpoint === 'users.me' && c.token) byToken.set(c.token, [...(byToken.get(c.token) ?? []), at]);
      if (c.endpoint === 'conversations.get' && c.token && c.conversationId) {
        const key = `${userOfToken.get(c.token)}:${c.conversationId}`;
        reads.set(key, [...(reads.get(key) ?? []), at]);
      }
      if (c.endpoint === 'downloads' && c.token)
        downloads.set(c.token, [...(downloads.get(c.token) ?? []), at]);
    }
    const within = (times: number[] | undefined, from: number, to: number) =>
      (times ?? []).some((t) => t > from && t <= to);
    const granted = all.filter((o) => o.kind.startsWith('link.') && o.status === 200);
    expect(granted.length).toBeGreaterThan(1_000);
    const stale = granted.filter((o) => {
      const token = o.token as string;
      const tokenFresh = within(byToken.get(token), o.sentAt - TOKEN_TTL_MS - STORE_SLACK_MS, o.doneAt);
      const readFresh = within(
        reads.get(`${o.user}:${o.conversationId}`),
        o.sentAt - CONVERSATION_TTL_MS - STORE_SLACK_MS,
        o.doneAt,
      );
      const downloadFresh =
        o.conversationId !== conversationIds.webMessaging ||
        within(downloads.get(token), o.sentAt - 1, o.doneAt);
      return !(tokenFresh && readFresh && downloadFresh);
    });
    expect(stale.slice(0, 5)).toEqual([]);

    // Each grant during a fault was one of those: the figures, for the record.
    console.info(
      JSON.stringify({
        figure: 'faults summary',
        requests: run?.total,
        statuses: tally(all, (o) => `${o.status}${o.code ? ` ${o.code}` : ''}`),
        grantedLinks: granted.length,
        genesysCalls: tally(gate.calls, (c) => `${c.endpoint} ${c.ok ? 'ok' : (c.status ?? 'no answer')}`),
        recoveryMs: Object.fromEntries(phases.map((p) => [p.name, p.recovered - p.restored])),
      }),
    );
  }, 60_000);

  it('leaked no file descriptors through the faults', async () => {
    // Idle long enough for keep-alive connections (ours, and the proxy's to the gate) to close.
    await sleep(6_000);
    const fdAfter = proxy.fdCount();
    const kindsAfter = proxy.fdKinds();
    console.info(
      JSON.stringify({ figure: 'faults fd', before: fdBefore, after: fdAfter, kindsBefore, kindsAfter }),
    );
    expect(fdAfter, JSON.stringify({ kindsBefore, kindsAfter })).toBeLessThanOrEqual(fdBefore + 5);
  }, 30_000);
});
