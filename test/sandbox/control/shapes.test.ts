// MessageDetails.media is deprecated in the Platform SDK: with the shape switch on, the sandbox
// serves conversations whose files are only in the bulk message bodies, and the product still finds
// every one of them, with the same ids.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConversation } from '../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../core/detect.ts';
import { regionByTld } from '../../../core/genesys-regions.ts';
import { GenesysClient } from '../../../proxy/genesys/genesys-client.ts';
import {
  conversationIds,
  sampleDetectionRules,
  sampleOrgDir,
  sandboxTokens,
} from '../../../sandbox/sample-data/manifest.ts';
import { sampleAttachments } from '../../../sandbox/sample-data/sample-attachments.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
let client: GenesysClient;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  const region = regionByTld('mypurecloud.com');
  if (!region) throw new Error('no mypurecloud.com region');
  client = new GenesysClient({ region, apiBaseOverride: sandbox.url, timeoutMs: 2_000 });
});
afterEach(() => {
  sandbox.control.resetShapes();
});
afterAll(async () => {
  await sandbox.close();
});

const get = async (path: string) => {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `Bearer ${sandboxTokens.alice}` },
  });
  expect(response.status).toBe(200);
  return response.json();
};
const mediaCount = (body: unknown) => JSON.stringify(body).match(/"media":/g)?.length ?? 0;

const messagingConversations = [
  conversationIds.webMessaging,
  conversationIds.openMessagingS3,
  conversationIds.openMessagingStore,
];

describe('withoutMessageDetailsMedia', () => {
  it('is off by default: the sample conversations carry MessageDetails.media', async () => {
    expect(sandbox.control.shapes()).toEqual({ withoutMessageDetailsMedia: false });
    expect(mediaCount(await get(`/api/v2/conversations/${conversationIds.webMessaging}`))).toBeGreaterThan(0);
  });

  it('serves both conversation views without media, over the control route too', async () => {
    const put = await fetch(`${sandbox.url}/__sandbox/shapes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ withoutMessageDetailsMedia: true }),
    });
    expect(await put.json()).toEqual({ withoutMessageDetailsMedia: true });
    for (const id of messagingConversations) {
      expect(mediaCount(await get(`/api/v2/conversations/${id}`))).toBe(0);
      expect(mediaCount(await get(`/api/v2/conversations/messages/${id}`))).toBe(0);
    }
  });

  it('refuses a switch it does not know, saying why', async () => {
    const put = await fetch(`${sandbox.url}/__sandbox/shapes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ withoutMedia: true }),
    });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { message: string }).message).toMatch(/withoutMedia/);
  });

  it.each(messagingConversations)(
    'still finds every file of %s, with the same ids, from the message bodies alone',
    async (conversationId) => {
      sandbox.control.setShapes({ withoutMessageDetailsMedia: true });
      const data = await readConversation(client.readsFor(sandboxTokens.alice), conversationId);
      const refs = detectAttachments(data, sampleDetectionRules);
      expect(refs.map((r) => r.id).sort()).toEqual(
        sampleAttachments(conversationId)
          .map((a) => a.id)
          .sort(),
      );
      expect(refs.flatMap((r) => r.sources.map((s) => s.field))).not.toContain('messageDetails.media');
    },
  );

  it('leaves nothing to list when the bodies cannot be read either: the note says why', async () => {
    sandbox.control.setShapes({ withoutMessageDetailsMedia: true });
    sandbox.control.setFault('messages.bulk', {
      status: 403,
      missingPermission: 'conversation:webmessaging:view',
    });
    try {
      const data = await readConversation(client.readsFor(sandboxTokens.alice), conversationIds.webMessaging);
      expect(detectAttachments(data, sampleDetectionRules)).toEqual([]);
      expect(data.unread?.[0]?.permission).toBe('conversation:webmessaging:view');
    } finally {
      sandbox.control.clearFaults();
    }
  });
});
