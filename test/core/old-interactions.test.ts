// Old-interaction shapes against the sandbox org, read as the proxy reads them: stories in messaging
// transcripts, email attachments without a contentUri, relative contentPath values, the email
// listing's pages, and inline images told apart from real attachments.
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../core/attachment-ref.ts';
import { EMAIL_PAGE_LIMIT, type PlatformReads, readConversation } from '../../core/conversation-reader.ts';
import { detectAttachments } from '../../core/detect.ts';
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
beforeEach(() => {
  sandbox.control.resetCalls();
});
afterAll(async () => {
  await sandbox.close();
});

const reads = () => client.readsFor(sandboxTokens.alice);
async function refsOf(conversationId: string, api: PlatformReads = reads()): Promise<AttachmentRef[]> {
  return detectAttachments(await readConversation(api, conversationId), sampleDetectionRules);
}
const named = (refs: AttachmentRef[], name: string) => {
  const ref = refs.find((r) => r.fileName === name);
  if (!ref) throw new Error(`${name} not found`);
  return ref;
};

describe('stories in messaging transcripts', () => {
  it('lists a story reply of an ended interaction as the external link it is', async () => {
    const refs = await refsOf(conversationIds.endedMessagingStory);
    expect(refs.map((r) => r.id).sort()).toEqual(
      sampleAttachments(conversationIds.endedMessagingStory)
        .map((a) => a.id)
        .sort(),
    );
    const story = named(refs, 'sam-story-2002.jpg');
    expect(story.location).toEqual({
      kind: 'external',
      url: 'https://cdn.example.net/stories/sam-story-2002.jpg',
    });
    expect(story.sources.map((s) => s.field)).toEqual(['recording.story']);
    expect(story.sender).toBe('customer');
  });
});

describe('the email listing, page after page', () => {
  it('follows nextUri to the last page and finds the file there', async () => {
    const refs = await refsOf(conversationIds.emailLongThread);
    expect(sandbox.control.calls()['emails.list']).toBe(2);
    expect(refs.map((r) => r.id).sort()).toEqual(
      sampleAttachments(conversationIds.emailLongThread)
        .map((a) => a.id)
        .sort(),
    );
    expect(named(refs, 'receipt.jpg').location.kind).toBe('genesys');
  });

  it('stops after EMAIL_PAGE_LIMIT pages of a listing that never ends', async () => {
    const api = reads();
    const looping: PlatformReads = {
      ...api,
      // Every page claims another one after it.
      getEmailMessages: async (id, pageUri) => {
        const listing = await api.getEmailMessages(id, undefined);
        const n = Number(new URLSearchParams(pageUri?.split('?')[1]).get('pageNumber') ?? '1');
        return { ...listing, nextUri: `/api/v2/conversations/emails/${id}/messages?pageNumber=${n + 1}` };
      },
    };
    await refsOf(conversationIds.emailLongThread, looping);
    expect(sandbox.control.calls()['emails.list']).toBe(EMAIL_PAGE_LIMIT);
  });

  it.each([
    ['another host', 'https://attacker.example/api/v2/conversations/emails/x/messages?pageNumber=2'],
    ['another API path', '/api/v2/users/me?pageNumber=2'],
    [
      'a path that climbs out',
      `/api/v2/conversations/emails/${conversationIds.emailLongThread}/messages/../../../users/me`,
    ],
    ['a protocol-relative URL', '//attacker.example/api/v2/conversations/emails/x/messages'],
  ])('never follows a nextUri to %s', async (_what, nextUri) => {
    const api = reads();
    const pagesAsked: (string | undefined)[] = [];
    const hostile: PlatformReads = {
      ...api,
      getEmailMessages: async (id, pageUri) => {
        pagesAsked.push(pageUri);
        return { ...(await api.getEmailMessages(id, pageUri)), nextUri } as Models.EmailMessagePreviewListing;
      },
    };
    await refsOf(conversationIds.emailLongThread, hostile);
    expect(pagesAsked).toEqual([undefined]);
  });
});

describe('inline images and real attachments', () => {
  it('marks the logo, signature and banner inline, and the invoice beside them not', async () => {
    const refs = await refsOf(conversationIds.emailLongThread);
    for (const name of ['logo.png', 'signature.png', 'banner.png'])
      expect(named(refs, name).inlineImage).toBe(true);
    expect(named(refs, 'old-invoice.pdf').inlineImage).toBeUndefined();
    expect(named(refs, 'receipt.jpg').inlineImage).toBeUndefined();
  });

  it('keeps a file that was also sent as a real attachment a real attachment', () => {
    const inline: Models.Attachment = {
      attachmentId: 'a1',
      name: 'logo.png',
      contentUri: 'https://api.mypurecloud.com/api/v2/downloads/0a1b2c3d',
      inlineImage: true,
    };
    const data = {
      conversationId: 'c1',
      emails: [
        { id: 'e1', attachments: [inline] },
        { id: 'e2', attachments: [{ ...inline, attachmentId: 'a2', inlineImage: false }] },
      ] as Models.EmailMessagePreview[],
    };
    const [ref] = detectAttachments(data, sampleDetectionRules);
    expect(ref?.inlineImage).toBeUndefined();
    expect(ref?.sources).toHaveLength(2);
  });
});

describe('attachments without a usable location', () => {
  it('lists an email attachment without contentUri as not retrievable, with its name, type and size', async () => {
    const terms = named(await refsOf(conversationIds.emailLongThread), 'terms.pdf');
    expect(terms.location.kind).toBe('unretrievable');
    expect(terms).toMatchObject({ declaredType: 'application/pdf', size: 20_480, sender: 'agent' });
  });

  it('reads a relative contentPath as the download it names, and lists one without contentPath', async () => {
    const refs = await refsOf(conversationIds.endedEmailRelative);
    const form = named(refs, 'claim-form.pdf');
    expect(form.location).toMatchObject({ kind: 'genesys', host: 'relative' });
    // The same file as its absolute URL: the id depends on the download id only.
    const absolute = detectAttachments(
      {
        conversationId: conversationIds.endedEmailRelative,
        recordings: [
          {
            emailTranscript: [
              {
                attachments: [
                  {
                    contentPath: `https://api.mypurecloud.com/api/v2/downloads/${(form.location as { downloadId: string }).downloadId}`,
                  },
                ],
              },
            ],
          },
        ],
      },
      sampleDetectionRules,
    );
    expect(absolute[0]?.id).toBe(form.id);
    expect(named(refs, 'scan.tif').location.kind).toBe('unretrievable');
  });

  it('never drops an attachment whose contentUri is not a URL it can use, and keeps two such files apart', () => {
    const refs = detectAttachments(
      {
        conversationId: 'c1',
        emails: [
          {
            id: 'e1',
            attachments: [
              { attachmentId: 'a1', name: 'one.pdf', contentUri: 'not a url' },
              { attachmentId: 'a2', name: 'two.pdf', contentUri: '/attachments/elsewhere/two.pdf' },
              { name: 'three.pdf' },
            ],
          },
        ] as Models.EmailMessagePreview[],
      },
      sampleDetectionRules,
    );
    expect(refs.map((r) => [r.fileName, r.location.kind])).toEqual([
      ['one.pdf', 'unretrievable'],
      ['two.pdf', 'unretrievable'],
      ['three.pdf', 'unretrievable'],
    ]);
    expect(new Set(refs.map((r) => r.id)).size).toBe(3);
  });
});
