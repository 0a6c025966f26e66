// Open Messaging files Genesys re-hosted: the attachment URL is a Genesys download, and the same file
// also has a key in the customer's scanned storage. Detection makes them one file, served from
// Genesys, whose verdict is the storage object's (scannedAs) — and pairs only what is unambiguous.
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConversation } from '../../core/conversation-reader.ts';
import { type ConversationData, detectAttachments } from '../../core/detect.ts';
import { regionByTld } from '../../core/genesys-regions.ts';
import { GenesysClient } from '../../proxy/genesys/genesys-client.ts';
import {
  conversationIds,
  sampleDetectionRules,
  sampleOrgDir,
  sandboxTokens,
} from '../../sandbox/sample-data/manifest.ts';
import { sampleAttachments } from '../../sandbox/sample-data/sample-attachments.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
let client: GenesysClient;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  const region = regionByTld('mypurecloud.com');
  if (!region) throw new Error('no mypurecloud.com region');
  client = new GenesysClient({ region, apiBaseOverride: sandbox.url, timeoutMs: 2_000 });
});
afterAll(async () => {
  await sandbox.close();
});

const download = (id: string) => `https://api-downloads.mypurecloud.com/api/v2/downloads/${id}`;

/** One Open Messaging message body with the given attachments and metadata. */
function message(
  id: string,
  attachments: { url: string; filename: string }[],
  metadata?: Record<string, string>,
  text?: string,
): Models.MessageData {
  return {
    id,
    timestamp: '2026-03-14T09:00:00.000Z',
    status: 'received',
    direction: 'inbound',
    normalizedMessage: {
      type: 'Text',
      ...(text === undefined ? {} : { text }),
      content: attachments.map((a) => ({
        contentType: 'Attachment',
        attachment: { mediaType: 'File', url: a.url, filename: a.filename },
      })),
      ...(metadata === undefined ? {} : { metadata }),
    },
  };
}

const detect = (data: Omit<ConversationData, 'conversationId'>) =>
  detectAttachments({ conversationId: 'c1', ...data }, sampleDetectionRules);

describe('the sample conversation of re-hosted files', () => {
  it('lists each re-hosted file once, as its Genesys download, governed by its store object', async () => {
    const id = conversationIds.openMessagingRehosted;
    const refs = detectAttachments(
      await readConversation(client.readsFor(sandboxTokens.alice), id),
      sampleDetectionRules,
    );
    const expected = sampleAttachments(id);
    expect(refs.map((r) => r.id).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const e of expected) {
      const ref = refs.find((r) => r.id === e.id);
      expect(ref?.location.kind, e.fileName).toBe('genesys');
      expect(ref?.scannedAs, e.fileName).toEqual(e.scannedAs);
      expect(new Set(ref?.sources.map((s) => s.field)), e.fileName).toEqual(new Set(e.fields));
    }
    expect(
      refs
        .filter((r) => r.scannedAs)
        .map((r) => r.fileName)
        .sort(),
    ).toEqual(['eicar-test.txt', 'estimate.csv', 'statement.pdf']);
  });
});

describe('pairing only what is unambiguous', () => {
  it("pairs a message's only download with its only key, whatever their names", () => {
    const refs = detect({
      messages: [
        message('m1', [{ url: download('d1'), filename: 'IMG_0001.jpg' }], {
          fileKey: 'claims/x/photo-7.jpg',
        }),
      ],
    });
    expect(refs).toHaveLength(1);
    expect(refs[0]?.scannedAs).toEqual({ kind: 'store', key: 'claims/x/photo-7.jpg' });
  });

  it('pairs two downloads and two keys of one message by file name, and leaves a name without a match alone', () => {
    const refs = detect({
      messages: [
        message(
          'm1',
          [
            { url: download('d1'), filename: 'a.pdf' },
            { url: download('d2'), filename: 'b.pdf' },
          ],
          { fileKey: 'claims/b.pdf', s3Key: 'claims/c.pdf' },
        ),
      ],
    });
    const byName = Object.fromEntries(refs.map((r) => [r.fileName, r]));
    expect(byName['b.pdf']?.scannedAs).toEqual({ kind: 'store', key: 'claims/b.pdf' });
    expect(byName['a.pdf']?.scannedAs).toBeUndefined();
    // The key that matched nothing is still listed, as the store file it names.
    expect(byName['c.pdf']?.location).toEqual({ kind: 'store', key: 'claims/c.pdf' });
    expect(refs).toHaveLength(3);
  });

  it('never pairs a download with a key of another message, unless an attribute names the same file', () => {
    const refs = detect({
      messages: [
        message('m1', [{ url: download('d1'), filename: 'invoice.pdf' }]),
        message('m2', [], { fileKey: 'claims/invoice.pdf' }),
      ],
    });
    expect(refs.every((r) => r.scannedAs === undefined)).toBe(true);
    expect(refs).toHaveLength(2);

    const withAttribute = detect({
      conversation: {
        participants: [{ purpose: 'customer', attributes: { attachmentKeys: '["claims/invoice.pdf"]' } }],
      } as unknown as Models.Conversation,
      messages: [message('m1', [{ url: download('d1'), filename: 'invoice.pdf' }])],
    });
    expect(withAttribute).toHaveLength(1);
    expect(withAttribute[0]?.scannedAs).toEqual({ kind: 'store', key: 'claims/invoice.pdf' });
  });

  it('leaves a Genesys download without any key to the Genesys rules (no scan verdict)', () => {
    const refs = detect({ messages: [message('m1', [{ url: download('d1'), filename: 'photo.jpg' }])] });
    expect(refs[0]?.scannedAs).toBeUndefined();
  });
});
