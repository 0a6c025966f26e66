// No record, no link — even when the process dies. A proxy is killed with SIGKILL in the middle of
// link-heavy load, several times over the same audit folder (as a pod restarting on its volume):
// every link a client received in full has its durable `link.issued` record, and whatever a crash
// leaves half-written never swallows the records written after the restart.
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachment } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import { httpRequest, readAuditDir, runLoad, spawnProxy, tally } from '../support/load.ts';
import { MixedTraffic, type Outcome } from '../support/traffic.ts';

const CONNECTIONS = 20;
const ROUNDS = 4;

let stack: Stack;
let auditDir: string;
const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');

beforeAll(async () => {
  stack = await startStack({ swift: true, redis: true });
  auditDir = join(stack.proxy.auditDir, '..', 'crash-audit');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a proxy killed with SIGKILL mid-load', () => {
  const received: Outcome[] = [];
  const rounds: { links: number; killedAfterMs: number; exit: string }[] = [];

  it(
    'leaves no link a client received without its audit record, round after round on one folder',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const proxy = await spawnProxy(stack.settings, { auditDir });
        const mix = new MixedTraffic({
          proxyUrls: [proxy.url],
          agents: [
            { user: 'alice', token: stack.tokens.alice },
            { user: 'quinn', token: stack.control.issueToken('quinn') },
          ],
          outsider: { user: 'bob', token: stack.tokens.bob },
          // Mostly link requests: the audit records are what this test is about.
          weights: {
            status: 5,
            session: 0,
            'read.store': 5,
            'read.relay': 0,
            'link.store': 40,
            'link.s3': 25,
          },
        });
        const stop = new AbortController();
        const outcomes: Outcome[] = [];
        const running = runLoad({
          connections: CONNECTIONS,
          signal: stop.signal,
          next: () => mix.next(),
          onSample: (s) => void outcomes.push(mix.observe(s)),
          keep: () => false,
          timeoutMs: 5_000,
        });
        // A different moment each round, well inside the load.
        const killedAfterMs = 1_500 + round * 700;
        await sleep(killedAfterMs);
        proxy.kill('SIGKILL');
        const exit = await proxy.exited;
        stop.abort();
        await running;
        const links = outcomes.filter((o) => o.kind.startsWith('link.') && o.status === 200);
        received.push(...links);
        rounds.push({ links: links.length, killedAfterMs, exit: String(exit.signal ?? exit.code) });
        expect(exit.signal).toBe('SIGKILL');
        // Some requests were cut off by the kill: it really happened mid-load.
        expect(outcomes.some((o) => o.status === 0)).toBe(true);
      }

      const { records, unparseable } = await readAuditDir(auditDir);
      const issued = new Set(records.filter((r) => r.event === 'link.issued').map((r) => r.requestId));
      const missing = received.filter((o) => !issued.has(o.requestId));
      console.info(
        JSON.stringify({
          figure: 'sigkill',
          rounds,
          linksReceived: received.length,
          linkIssuedRecords: issued.size,
          // Records whose answer the kill cut off: allowed (the record comes first), counted.
          recordsWithoutReceivedLink: issued.size - new Set(received.map((o) => o.requestId)).size,
          unparseableLines: unparseable.length,
          statuses: tally(received, (o) => String(o.status)),
        }),
      );
      expect(received.length).toBeGreaterThan(100);
      expect(missing.map((o) => o.requestId)).toEqual([]);
      // A kill can tear the line being written; it can only be the last of a file, never one in the
      // middle (which would mean a record written later was swallowed).
      expect(unparseable.filter((u) => !u.last)).toEqual([]);
    },
    ROUNDS * 20_000,
  );

  it('keeps the records written after a restart intact when the crash tore the last line', async () => {
    // What a kill in the middle of a write leaves: a record cut short, no newline.
    const [today] = (await readdir(auditDir))
      .filter((n) => n.endsWith('.jsonl'))
      .sort()
      .reverse();
    expect(today).toBeDefined();
    await appendFile(join(auditDir, today as string), '{"time":"2026-01-01T00:00:00.000Z","event":"link.iss');

    const proxy = await spawnProxy(stack.settings, { auditDir });
    try {
      const response = await httpRequest(`${proxy.url}/api/v1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.tokens.alice}`, 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId: notes.conversationId, attachmentId: notes.id }),
      });
      expect(response.status).toBe(200);
      const requestId = response.headers['x-request-id'];
      const { records, unparseable } = await readAuditDir(auditDir);
      expect(records.filter((r) => r.requestId === requestId && r.event === 'link.issued')).toHaveLength(1);
      // The torn fragment stays what it was, on a line of its own.
      expect(unparseable.map((u) => u.text)).toContain(
        '{"time":"2026-01-01T00:00:00.000Z","event":"link.iss',
      );
    } finally {
      await proxy.stop();
    }
  });
});
