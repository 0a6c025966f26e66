// Partial reads against the sandbox org, through the proxy's own Platform API client: each source of
// a conversation succeeds or fails on its own, and the read says which one failed and why.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConversation } from '../../core/conversation-reader.ts';
import { detectAttachments } from '../../core/detect.ts';
import { regionByTld } from '../../core/genesys-regions.ts';
import { GenesysClient } from '../../proxy/genesys/genesys-client.ts';
import {
  conversationIds,
  expectedReferences,
  sampleDetectionRules,
  sampleOrgDir,
  sandboxTokens,
} from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
let client: GenesysClient;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  const region = regionByTld('mypurecloud.com');
  if (!region) throw new Error('no mypurecloud.com region');
  client = new GenesysClient({ region, apiBaseOverride: sandbox.url, timeoutMs: 400 });
});

afterEach(() => {
  sandbox.control.clearFaults();
});

afterAll(async () => {
  await sandbox.close();
});

const read = (conversationId: string) =>
  readConversation(client.readsFor(sandboxTokens.alice), conversationId);
const namesOf = (data: Awaited<ReturnType<typeof read>>) =>
  detectAttachments(data, sampleDetectionRules)
    .map((r) => r.fileName)
    .sort();
const expectedNames = (conversationId: string, fields?: string[]) =>
  expectedReferences()
    .filter((e) => e.conversationId === conversationId)
    .filter((e) => fields === undefined || e.fields.some((f) => fields.includes(f)))
    .map((e) => e.fileName)
    .sort();

describe('bulk messages fail on their own', () => {
  const store = conversationIds.openMessagingStore;
  // What the conversation itself holds: MessageDetails.media and participant attributes.
  const fromConversation = expectedNames(store, ['messageDetails.media', 'participant.attributes']);

  it('reads everything when nothing fails', async () => {
    const data = await read(store);
    expect(data.unread).toBeUndefined();
    expect(namesOf(data)).toEqual(expectedNames(store));
  });

  it('keeps what the conversation holds and names the missing permission on a 403', async () => {
    sandbox.control.setFault('messages.bulk', {
      status: 403,
      missingPermission: 'conversation:message:view',
    });
    const data = await read(store);
    expect(data.messages).toBeUndefined();
    expect(data.unread).toEqual([
      {
        source: 'messages',
        reason: 'missing-permission',
        permission: 'conversation:message:view',
        canRetry: false,
      },
    ]);
    expect(fromConversation.length).toBeGreaterThan(0);
    expect(fromConversation.length).toBeLessThan(expectedNames(store).length);
    expect(namesOf(data)).toEqual(fromConversation);
  });

  it('names the web messaging permission the same way', async () => {
    sandbox.control.setFault('messages.bulk', {
      status: 403,
      missingPermission: 'conversation:webmessaging:view',
    });
    const data = await read(conversationIds.webMessaging);
    expect(data.unread?.[0]).toMatchObject({
      reason: 'missing-permission',
      permission: 'conversation:webmessaging:view',
    });
    // Every Genesys-hosted file is also in MessageDetails.media; the story is only in the bodies.
    expect(namesOf(data)).toEqual(
      expectedNames(conversationIds.webMessaging).filter((n) => n !== 'dana-story-1001.jpg'),
    );
  });

  it('says a 403 without a permission named is "not authorized", not retryable', async () => {
    sandbox.control.setFault('messages.bulk', { status: 403 });
    expect((await read(store)).unread).toEqual([
      { source: 'messages', reason: 'not-authorized', canRetry: false },
    ]);
  });

  it('passes the Retry-After of a 429 and says a retry can help', async () => {
    sandbox.control.setFault('messages.bulk', { status: 429, retryAfter: 7 });
    const data = await read(store);
    expect(data.unread).toEqual([
      { source: 'messages', reason: 'rate-limited', canRetry: true, retryAfterSeconds: 7 },
    ]);
    expect(namesOf(data)).toEqual(fromConversation);
  });

  it.each([500, 502, 503] as const)('treats %i as unavailable, retryable', async (status) => {
    sandbox.control.setFault('messages.bulk', { status });
    const data = await read(store);
    expect(data.unread).toEqual([{ source: 'messages', reason: 'unavailable', canRetry: true }]);
    expect(namesOf(data)).toEqual(fromConversation);
  });

  it('treats a timeout as unavailable, retryable', async () => {
    sandbox.control.setFault('messages.bulk', { hang: true });
    const data = await read(store);
    expect(data.unread).toEqual([{ source: 'messages', reason: 'unavailable', canRetry: true }]);
    expect(namesOf(data)).toEqual(fromConversation);
  });

  it('treats a malformed body as a bad response, not retryable', async () => {
    sandbox.control.setFault('messages.bulk', { malformed: true });
    expect((await read(store)).unread).toEqual([
      { source: 'messages', reason: 'bad-response', canRetry: false },
    ]);
  });

  it('rejects the whole read on a 401: the session is over', async () => {
    sandbox.control.setFault('messages.bulk', { status: 401 });
    await expect(read(store)).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

describe('the email listing fails on its own', () => {
  it('lists nothing from the emails and says why, with the conversation still read', async () => {
    sandbox.control.setFault('emails.list', { status: 503 });
    const data = await read(conversationIds.email);
    expect(data.conversation).toBeDefined();
    expect(data.emails).toBeUndefined();
    expect(data.unread).toEqual([{ source: 'emails', reason: 'unavailable', canRetry: true }]);
  });

  it('names a missing permission on the listing', async () => {
    sandbox.control.setFault('emails.list', {
      status: 403,
      missingPermission: 'conversation:email:view',
    });
    expect((await read(conversationIds.email)).unread).toEqual([
      {
        source: 'emails',
        reason: 'missing-permission',
        permission: 'conversation:email:view',
        canRetry: false,
      },
    ]);
  });
});

describe('the root source', () => {
  it('rejects when the conversation itself cannot be read: nothing else can be asked for', async () => {
    sandbox.control.setFault('conversations.get', { status: 503 });
    await expect(read(conversationIds.webMessaging)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('rejects when the recordings of an ended interaction cannot be read: they are its only source', async () => {
    sandbox.control.setFault('recordings', { status: 403, missingPermission: 'recording:recording:view' });
    await expect(read(conversationIds.endedMessaging)).rejects.toMatchObject({
      kind: 'forbidden',
      genesysMessage: expect.stringContaining('[recording:recording:view]'),
    });
  });
});
