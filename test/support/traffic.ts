// The mixed traffic of the reliability suite, over the sample org: batch status calls, link requests
// for files in the local store, in S3 (Swift) and in Genesys (relayed), Range reads of minted store
// links, a few relay reads, and requests the proxy must refuse (infected, pending, not the agent's).
// Every answer becomes a compact Outcome that the tests check against what each kind expects.

import { type SampleAttachment, sampleAttachment } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack } from '../../scripts/local-stack/stack.ts';
import { errorCode, type RequestSpec, type Sample } from '../support/load.ts';

export type Kind =
  | 'status'
  | 'session'
  | 'link.store'
  | 'link.s3'
  | 'link.genesys'
  | 'read.store'
  | 'read.relay'
  | 'deny.infected'
  | 'deny.pending'
  | 'deny.foreign';

/** What a kind answers when nothing is wrong. */
export const normalAnswer: Record<Kind, { status: number; code?: string }> = {
  status: { status: 200 },
  session: { status: 200 },
  'link.store': { status: 200 },
  'link.s3': { status: 200 },
  'link.genesys': { status: 200 },
  'read.store': { status: 206 },
  'read.relay': { status: 206 },
  'deny.infected': { status: 403, code: 'scan_infected' },
  'deny.pending': { status: 403, code: 'scan_pending' },
  'deny.foreign': { status: 403, code: 'not_permitted' },
};

export const defaultWeights: Record<Kind, number> = {
  status: 15,
  session: 5,
  'link.store': 20,
  'link.s3': 12,
  'link.genesys': 8,
  'read.store': 25,
  'read.relay': 3,
  'deny.infected': 4,
  'deny.pending': 4,
  'deny.foreign': 4,
};

export interface Outcome {
  kind: Kind;
  proxy: string;
  sentAt: number;
  doneAt: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter?: string;
  requestId?: string;
  /** For API requests: who asked, with which token, about what. */
  user?: string;
  token?: string;
  conversationId?: string;
  attachmentId?: string;
  /** The minted link's backend, judged by its URL. */
  minted?: 'store' | 's3' | 'relay';
  error?: string;
}

export interface Agent {
  user: 'alice' | 'quinn' | 'bob';
  token: string;
}

/**
 * The agents of the sample org for traffic: alice and quinn each with their fixed token and a fresh
 * one from `stack`, and bob as the outsider.
 */
export function sampleAgents(
  stack: Pick<Stack, 'tokens' | 'control'>,
): Pick<TrafficOptions, 'agents' | 'outsider'> {
  return {
    agents: [
      { user: 'alice', token: stack.tokens.alice },
      { user: 'quinn', token: stack.tokens.quinn },
      { user: 'alice', token: stack.control.issueToken('alice') },
      { user: 'quinn', token: stack.control.issueToken('quinn') },
    ],
    outsider: { user: 'bob', token: stack.tokens.bob },
  };
}

const store = [
  sampleAttachment(conversationIds.openMessagingStore, 'notes.txt'),
  sampleAttachment(conversationIds.openMessagingStore, 'invoice.pdf'),
  sampleAttachment(conversationIds.openMessagingStore, 'estimate.csv'),
  sampleAttachment(conversationIds.openMessagingStore, 'vehicle.json'),
  sampleAttachment(conversationIds.openMessagingStore, 'diagram.svg'),
];
const s3 = [
  sampleAttachment(conversationIds.openMessagingS3, 'damage-front.jpg'),
  sampleAttachment(conversationIds.openMessagingS3, 'Überweisung März 2026.pdf'),
];
const genesys = [
  sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf'),
  sampleAttachment(conversationIds.webMessaging, 'damage-photo.jpg'),
];
const infected = [
  sampleAttachment(conversationIds.openMessagingStore, 'eicar-test.txt', 'store'),
  sampleAttachment(conversationIds.openMessagingS3, 'eicar-test.txt', 's3'),
];
const pending = [
  sampleAttachment(conversationIds.openMessagingStore, 'statement.pdf', 'store'),
  sampleAttachment(conversationIds.openMessagingS3, 'statement.pdf', 's3'),
];
const statusConversations = [
  conversationIds.openMessagingStore,
  conversationIds.openMessagingS3,
  conversationIds.webMessaging,
  conversationIds.email,
];

/** Relay links are read only while the Genesys URL they seal is young (the sandbox's last 60 s). */
const RELAY_MAX_AGE_MS = 30_000;

export interface TrafficOptions {
  /** Replicas; each request goes to the next one (round robin, as a load balancer). */
  proxyUrls: string[];
  /** Agents who can read every sample conversation (alice, quinn). */
  agents: Agent[];
  /** An agent who can read only the web-messaging conversation (bob): the not-permitted probes. */
  outsider: Agent;
  weights?: Partial<Record<Kind, number>>;
}

export class MixedTraffic {
  private readonly weights: [Kind, number][];
  private readonly totalWeight: number;
  private readonly storeLinks: string[] = [];
  private readonly relayLinks: { url: string; at: number }[] = [];
  private turn = 0;
  private seed = 0x2545f491;

  constructor(private readonly options: TrafficOptions) {
    const w = { ...defaultWeights, ...options.weights };
    this.weights = (Object.entries(w) as [Kind, number][]).filter(([, n]) => n > 0);
    this.totalWeight = this.weights.reduce((a, [, n]) => a + n, 0);
  }

  next(): RequestSpec {
    const kind = this.pickKind();
    const proxy = this.options.proxyUrls[this.turn++ % this.options.proxyUrls.length] as string;
    switch (kind) {
      case 'status': {
        const agent = this.pick(this.options.agents);
        const conversationId = this.pick(statusConversations);
        return this.api(kind, proxy, agent, `/api/v1/conversations/${conversationId}/attachments`, {
          conversationId,
        });
      }
      case 'session':
        return this.api(kind, proxy, this.pick(this.options.agents), '/api/v1/session', {});
      case 'link.store':
        return this.link(kind, proxy, this.pick(this.options.agents), this.pick(store));
      case 'link.s3':
        return this.link(kind, proxy, this.pick(this.options.agents), this.pick(s3));
      case 'link.genesys':
        return this.link(kind, proxy, this.pick(this.options.agents), this.pick(genesys));
      case 'deny.infected':
        return this.link(kind, proxy, this.pick(this.options.agents), this.pick(infected));
      case 'deny.pending':
        return this.link(kind, proxy, this.pick(this.options.agents), this.pick(pending));
      case 'deny.foreign':
        return this.link(kind, proxy, this.options.outsider, this.pick(store));
      case 'read.store': {
        const url = this.storeLinks.length > 0 ? this.pick(this.storeLinks) : undefined;
        if (!url) return this.link('link.store', proxy, this.pick(this.options.agents), this.pick(store));
        return { kind, url, headers: { range: 'bytes=0-63' }, meta: { proxy: new URL(url).origin } };
      }
      case 'read.relay': {
        const now = Date.now();
        const young = this.relayLinks.filter((l) => now - l.at < RELAY_MAX_AGE_MS);
        const link = young.length > 0 ? this.pick(young) : undefined;
        if (!link)
          return this.link('link.genesys', proxy, this.pick(this.options.agents), this.pick(genesys));
        return {
          kind,
          url: link.url,
          headers: { range: 'bytes=0-511' },
          meta: { proxy: new URL(link.url).origin },
        };
      }
    }
  }

  /** Turns an answer into an Outcome, and remembers minted links for later reads. */
  observe(sample: Sample): Outcome {
    const meta = sample.spec.meta ?? {};
    const kind = sample.spec.kind as Kind;
    const outcome: Outcome = {
      kind,
      proxy: meta.proxy ?? '',
      sentAt: sample.sentAt,
      doneAt: sample.doneAt,
      ms: sample.ms,
      status: sample.status,
    };
    const code = sample.status >= 400 ? errorCode(sample) : undefined;
    if (code) outcome.code = code;
    const retryAfter = sample.headers['retry-after'];
    if (typeof retryAfter === 'string') outcome.retryAfter = retryAfter;
    const requestId = sample.headers['x-request-id'];
    if (typeof requestId === 'string') outcome.requestId = requestId;
    for (const field of ['user', 'token', 'conversationId', 'attachmentId'] as const)
      if (meta[field] !== undefined) outcome[field] = meta[field];
    if (sample.error) outcome.error = sample.error;
    if (sample.status === 200 && kind.startsWith('link.')) {
      const url = (JSON.parse(sample.body.toString('utf8')) as { url: string }).url;
      const path = new URL(url).pathname;
      if (path.startsWith('/files/')) {
        outcome.minted = 'store';
        this.remember(this.storeLinks, url);
      } else if (path.startsWith('/relay/')) {
        outcome.minted = 'relay';
        this.relayLinks.push({ url, at: Date.now() });
        if (this.relayLinks.length > 50) this.relayLinks.shift();
      } else outcome.minted = 's3';
    }
    return outcome;
  }

  private api(
    kind: Kind,
    proxy: string,
    agent: Agent,
    path: string,
    meta: Record<string, string>,
    body?: string,
  ): RequestSpec {
    return {
      kind,
      url: `${proxy}${path}`,
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${agent.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
      meta: { proxy, user: agent.user, token: agent.token, ...meta },
    };
  }

  private link(kind: Kind, proxy: string, agent: Agent, attachment: SampleAttachment): RequestSpec {
    const meta = { conversationId: attachment.conversationId, attachmentId: attachment.id };
    return this.api(
      kind,
      proxy,
      agent,
      '/api/v1/links',
      meta,
      JSON.stringify({ conversationId: attachment.conversationId, attachmentId: attachment.id }),
    );
  }

  private remember(list: string[], url: string): void {
    list.push(url);
    if (list.length > 50) list.shift();
  }

  private pickKind(): Kind {
    let r = this.random() * this.totalWeight;
    for (const [kind, n] of this.weights) {
      r -= n;
      if (r < 0) return kind;
    }
    return this.weights[0]?.[0] ?? 'session';
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  /** xorshift32: the same mix on every run, no dependence on Math.random. */
  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 0x1_0000_0000;
  }
}

/** True when an outcome is what its kind answers with nothing wrong. */
export function isNormal(o: Outcome): boolean {
  const want = normalAnswer[o.kind];
  return o.status === want.status && (want.code === undefined || o.code === want.code);
}

/** Latency figures of a set of outcomes, ms. */
export function latencies(outcomes: readonly Outcome[]): { p50: number; p99: number; max: number } {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const at = (q: number) =>
    ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(q * ms.length) - 1))] ?? Number.NaN;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(ms[ms.length - 1] ?? Number.NaN) };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
