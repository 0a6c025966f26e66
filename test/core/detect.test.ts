import { createHash } from 'node:crypto';
import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../core/classify-response.ts';
import { detectAttachments } from '../../core/detect.ts';
import { type DetectionRules, parseDetectionRules } from '../../core/detection-rules.ts';

const CONV = '7d3a1c52-0b7e-4f5e-9d8a-2f1e6c9b4a10';
const DL = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const rules: DetectionRules = parseDetectionRules({
  s3Buckets: ['av-clean', 'av-quarantine'],
  s3Hosts: ['127.0.0.1:9000'],
  proxyLinkBases: ['https://viewer.example.com/ref/'],
});

const SIG =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T101500Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function messageData(
  id: string,
  timestamp: string,
  nm: Partial<Models.ConversationNormalizedMessage>,
): Models.MessageData {
  return {
    id,
    timestamp,
    status: 'received',
    direction: 'inbound',
    conversationId: CONV,
    normalizedMessage: { type: 'Text', ...nm },
  };
}

const media: Models.MessageMedia = {
  url: `https://api.mypurecloud.com/api/v2/downloads/${DL}`,
  mediaType: 'application/pdf',
  contentLengthBytes: 48213,
  name: 'claim-form.pdf',
  id: 'media-1',
};

const messageConversation = {
  id: CONV,
  participants: [
    {
      id: 'p-customer',
      purpose: 'customer',
      attributes: {
        attachmentKeys: '["claims/2026/photo-1.jpg","claims/2026/photo-2.jpg"]',
        other: 'claims/x.pdf',
      },
      messages: [{ messageId: 'm1', messageTime: '2026-11-20T10:00:00.000Z', media: [media] }],
    },
    {
      id: 'p-agent',
      purpose: 'agent',
      messages: [{ messageId: 'm2', messageTime: '2026-11-20T10:05:00.000Z' }],
    },
  ],
} satisfies Models.MessageConversation;

const conversation = {
  id: CONV,
  startTime: '2026-11-20T09:59:00.000Z',
  participants: [
    {
      id: 'p-customer',
      purpose: 'customer',
      attributes: { attachmentKeys: '["claims/2026/photo-1.jpg","claims/2026/photo-2.jpg"]' },
      messages: [
        {
          id: 'comm-1',
          messages: [{ messageId: 'm1', messageTime: '2026-11-20T10:00:00.000Z', media: [media] }],
        },
      ],
    },
  ],
} satisfies Models.Conversation;

describe('detectAttachments', () => {
  it('finds Genesys-hosted media and merges the same file referenced twice into one entry with both sources', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        conversation: messageConversation,
        messages: [
          messageData('m1', '2026-11-20T10:00:00.000Z', {
            content: [
              {
                contentType: 'Attachment',
                attachment: {
                  id: 'att-1',
                  mediaType: 'File',
                  url: `https://api-downloads.mypurecloud.com/api/v2/downloads/${DL}`,
                  mime: 'application/pdf',
                  filename: 'claim-form.pdf',
                  text: 'Here is the form',
                  sha256: 'ab'.repeat(32),
                },
              },
            ],
          }),
        ],
      },
      rules,
    );
    const pdf = refs.filter((r) => r.location.kind === 'genesys');
    expect(pdf).toHaveLength(1);
    expect(pdf[0]).toMatchObject({
      fileName: 'claim-form.pdf',
      declaredType: 'application/pdf',
      size: 48213,
      caption: 'Here is the form',
      sha256: 'ab'.repeat(32),
      sender: 'customer',
      messageId: 'm1',
      location: { kind: 'genesys', downloadId: DL },
    });
    expect(pdf[0]?.sources.map((s) => s.field)).toEqual([
      'messageDetails.media',
      'normalizedMessage.attachment',
    ]);
  });

  it('computes the same ids from either conversation shape, and ids that do not change between runs', () => {
    const a = detectAttachments({ conversationId: CONV, conversation: messageConversation }, rules);
    const b = detectAttachments({ conversationId: CONV, conversation }, rules);
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    const expected = createHash('sha256').update(`${CONV}\ngenesys:${DL}`).digest('hex').slice(0, 24);
    expect(a.find((r) => r.location.kind === 'genesys')?.id).toBe(expected);
  });

  it('reads JSON-array attribute values under configured names and ignores other attributes', () => {
    const refs = detectAttachments({ conversationId: CONV, conversation: messageConversation }, rules);
    const keys = refs.filter((r) => r.location.kind === 'store').map((r) => r.location);
    expect(keys).toEqual([
      { kind: 'store', key: 'claims/2026/photo-1.jpg' },
      { kind: 'store', key: 'claims/2026/photo-2.jpg' },
    ]);
    expect(refs.find((r) => r.fileName === 'photo-1.jpg')?.sources[0]).toMatchObject({
      field: 'participant.attributes',
      name: 'attachmentKeys',
      sender: 'customer',
    });
  });

  it('treats a malformed JSON-array attribute as a single value instead of failing', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        conversation: { participants: [{ purpose: 'customer', attributes: { fileKey: '[broken' } }] },
      },
      rules,
    );
    expect(refs.map((r) => r.location)).toEqual([{ kind: 'store', key: '[broken' }]);
  });

  it('recognises a presigned virtual-hosted S3 URL and strips its signature', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        messages: [
          messageData('m3', '2026-11-20T10:01:00.000Z', {
            content: [
              {
                contentType: 'Attachment',
                attachment: {
                  mediaType: 'Video',
                  url: `https://av-clean.s3.amazonaws.com/evidence/crash.mp4?${SIG}`,
                  mime: 'video/mp4',
                },
              },
            ],
          }),
        ],
      },
      rules,
    );
    expect(refs).toHaveLength(1);
    expect(refs[0]?.location).toEqual({ kind: 's3', bucket: 'av-clean', key: 'evidence/crash.mp4' });
    expect(refs[0]?.fileName).toBe('crash.mp4');
    expect(JSON.stringify(refs)).not.toMatch(/X-Amz|Signature/i);
  });

  it('treats path-style, regional virtual-hosted and s3:// URLs of one object as the same file', () => {
    const text = [
      'See https://s3.eu-west-1.amazonaws.com/av-clean/claims/%C3%9Cberweisung%20M%C3%A4rz.pdf.',
      `also https://av-clean.s3.eu-west-1.amazonaws.com/claims/%C3%9Cberweisung%20M%C3%A4rz.pdf?${SIG}`,
      'and s3://av-clean/claims/%C3%9Cberweisung%20M%C3%A4rz.pdf',
      'and http://127.0.0.1:9000/av-clean/claims/%C3%9Cberweisung%20M%C3%A4rz.pdf',
    ].join('\n');
    const refs = detectAttachments(
      { conversationId: CONV, messages: [messageData('m4', '2026-11-20T10:02:00Z', { text })] },
      rules,
    );
    expect(refs).toHaveLength(1);
    expect(refs[0]?.location).toEqual({ kind: 's3', bucket: 'av-clean', key: 'claims/Überweisung März.pdf' });
    expect(refs[0]?.fileName).toBe('Überweisung März.pdf');
    expect(refs[0]?.sources).toHaveLength(4);
  });

  it('lists an attachment URL of unknown storage as external without its signature, but ignores ordinary links in text', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        messages: [
          messageData('m5', '2026-11-20T10:03:00Z', {
            text: 'Our terms: https://www.example.org/terms and https://other-bucket.s3.amazonaws.com/x.pdf',
            content: [
              {
                contentType: 'Attachment',
                attachment: {
                  mediaType: 'File',
                  url: `https://cdn.example.net/files/brochure.pdf?${SIG}&v=2#page=3`,
                },
              },
            ],
          }),
        ],
      },
      rules,
    );
    expect(refs.map((r) => r.location)).toEqual([
      { kind: 'external', url: 'https://cdn.example.net/files/brochure.pdf?v=2' },
    ]);
    expect(refs[0]?.fileName).toBe('brochure.pdf');
  });

  it('finds proxy stable links in attachment URLs and in text, and upload markers in text', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        messages: [
          messageData('m6', '2026-11-20T10:04:00Z', {
            text: 'Uploaded! S3_FILE_UPLOADED:claims/2026/statement.txt and see https://viewer.example.com/ref/claims/2026/table.csv',
            content: [
              {
                contentType: 'Attachment',
                attachment: {
                  mediaType: 'File',
                  url: 'https://VIEWER.example.com/ref/claims/2026/video.webm',
                },
              },
            ],
          }),
        ],
      },
      rules,
    );
    expect(refs.map((r) => [r.location, r.sources[0]?.field])).toEqual([
      [{ kind: 'proxy', key: 'claims/2026/video.webm' }, 'normalizedMessage.attachment'],
      [{ kind: 'proxy', key: 'claims/2026/table.csv' }, 'message.text'],
      [{ kind: 'store', key: 'claims/2026/statement.txt' }, 'text.marker'],
    ]);
  });

  it('reads metadata keys, stories, and the deprecated media and textBody fields', () => {
    const old = {
      ...messageData('m7', '2026-11-20T10:06:00Z', {
        metadata: { fileGuid: 'claims/2026/voice-note.wav', unrelated: 'claims/ignored.txt' },
        content: [
          {
            contentType: 'Story',
            story: { type: 'Mention', url: `https://api.mypurecloud.com/api/v2/downloads/${'f'.repeat(32)}` },
          },
        ],
      }),
      // Removed from SDK 262's types; older payloads still carry them.
      media: [
        {
          url: 'https://av-clean.s3.amazonaws.com/old/receipt.png',
          mediaType: 'image/png',
          contentLengthBytes: 512,
          name: 'receipt.png',
        },
      ],
      textBody: 'legacy S3_FILE_UPLOADED=claims/2026/legacy.pdf',
    };
    const refs = detectAttachments({ conversationId: CONV, messages: [old] }, rules);
    expect(refs.map((r) => r.sources[0]?.field).sort()).toEqual(
      ['messageData.media', 'normalizedMessage.metadata', 'normalizedMessage.story', 'text.marker'].sort(),
    );
    expect(refs.find((r) => r.sources[0]?.field === 'messageData.media')).toMatchObject({
      fileName: 'receipt.png',
      size: 512,
    });
  });

  it('finds email attachments and attachments in message and email recording transcripts', () => {
    const email = {
      id: 'e1',
      time: '2026-11-19T08:00:00Z',
      from: { email: 'customer@example.com' },
      to: [{ email: 'claims@insurer.example' }],
      textBody: 'Attached.',
      attachments: [
        {
          attachmentId: 'ea1',
          name: 'policy.pdf',
          contentUri: `https://api.mypurecloud.com/api/v2/downloads/${'1'.repeat(32)}`,
          contentType: 'application/pdf',
          contentLength: 1000,
          inlineImage: false,
        },
      ],
    } satisfies Models.EmailMessage;
    const recording = {
      id: 'rec-1',
      conversationId: CONV,
      messagingTranscript: [
        {
          id: 'rm1',
          timestamp: '2026-01-02T03:04:05Z',
          purpose: 'customer',
          messageText: 'photo attached',
          messageMediaAttachments: [
            {
              url: `https://api.mypurecloud.com/api/v2/downloads/${'2'.repeat(32)}`,
              mediaType: 'image/jpeg',
              contentLength: 2000,
              name: 'dent.jpg',
              id: 'x',
            },
          ],
        },
      ],
      emailTranscript: [
        {
          id: 're1',
          time: '2026-01-01T00:00:00Z',
          attachments: [
            {
              name: 'old.pdf',
              contentPath: `https://api.mypurecloud.com/api/v2/downloads/${'3'.repeat(32)}`,
              contentType: 'application/pdf',
              attachmentId: 'a',
              contentLength: 3,
            },
          ],
        },
      ],
    } satisfies Models.Recording;
    const refs = detectAttachments({ conversationId: CONV, emails: [email], recordings: [recording] }, rules);
    expect(refs.map((r) => [r.fileName, r.sources[0]?.field])).toEqual([
      ['old.pdf', 'recording.email'],
      ['dent.jpg', 'recording.messaging'],
      ['policy.pdf', 'email.attachment'],
    ]);
  });

  it('keeps dot segments and encoded dots literally in keys instead of resolving them', () => {
    const text =
      'https://av-clean.s3.amazonaws.com/conv1/../conv2/f.pdf https://av-clean.s3.amazonaws.com/a/%2e%2e/b.pdf https://av-clean.s3.amazonaws.com/c/%252e%252e%252fd.pdf';
    const refs = detectAttachments(
      { conversationId: CONV, messages: [messageData('m8', '2026-11-20T10:00:00Z', { text })] },
      rules,
    );
    expect(refs.map((r) => r.location)).toEqual([
      { kind: 's3', bucket: 'av-clean', key: 'conv1/../conv2/f.pdf' },
      { kind: 's3', bucket: 'av-clean', key: 'a/../b.pdf' },
      { kind: 's3', bucket: 'av-clean', key: 'c/%2e%2e%2fd.pdf' },
    ]);
  });

  it('drops references whose percent-encoding is malformed, such as overlong UTF-8', () => {
    const text =
      'https://av-clean.s3.amazonaws.com/a/%C0%AE%C0%AE/b.pdf https://viewer.example.com/ref/%E0%A4%A';
    const refs = detectAttachments(
      { conversationId: CONV, messages: [messageData('m9', '2026-11-20T10:00:00Z', { text })] },
      rules,
    );
    expect(refs).toEqual([]);
  });

  it('cleans file names of control characters, bidi overrides and paths', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        conversation: {
          participants: [
            {
              purpose: 'customer',
              messages: [
                {
                  messageId: 'm',
                  media: [
                    { url: 'https://av-clean.s3.amazonaws.com/k1', name: '..\\..\\invoice\u202Efdp.exe\r\n' },
                  ],
                },
              ],
            },
          ],
        },
      },
      rules,
    );
    expect(refs[0]?.fileName).toBe('invoicefdp.exe');
  });

  it('orders entries by time and maps senders from purposes and message directions', () => {
    const refs = detectAttachments(
      {
        conversationId: CONV,
        messages: [
          {
            ...messageData('late', '2026-11-20T12:00:00Z', { text: 'S3_FILE_UPLOADED:b' }),
            direction: 'outbound',
            createdBy: { id: 'u1', version: 1 },
          },
          {
            ...messageData('bot', '2026-11-20T11:00:00Z', {
              text: 'S3_FILE_UPLOADED:c',
              originatingEntity: 'Bot',
            }),
            direction: 'outbound',
          },
          messageData('early', '2026-11-20T10:00:00Z', { text: 'S3_FILE_UPLOADED:a' }),
        ],
      },
      rules,
    );
    expect(refs.map((r) => [r.fileName, r.sender])).toEqual([
      ['a', 'customer'],
      ['c', 'bot'],
      ['b', 'agent'],
    ]);
  });

  it('never throws on input of the wrong shape', () => {
    const junk: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { participants: 'no' },
      { participants: [null, 1, { messages: [null, { media: 'x' }] }] },
    ];
    for (const j of junk) {
      expect(() =>
        detectAttachments(
          { conversationId: CONV, conversation: j, messages: [j], emails: [j], recordings: [j] } as never,
          rules,
        ),
      ).not.toThrow();
    }
  });
});

describe('parseDetectionRules', () => {
  it('fills defaults and rejects bad values with messages that say how to fix them', () => {
    expect(parseDetectionRules({}).textMarkers).toContain('S3_FILE_UPLOADED');
    expect(() => parseDetectionRules({ s3Buckets: ['A'] })).toThrow(/valid S3 bucket name/);
    expect(() => parseDetectionRules({ proxyLinkBases: ['https://viewer.example.com/ref'] })).toThrow(
      /must end with "\/"/,
    );
    expect(() => parseDetectionRules({ s3Hosts: ['https://s3.example.com'] })).toThrow(/bare host name/);
  });
});

describe('classifyResponse', () => {
  it('recognises each Platform API response shape', () => {
    expect(classifyResponse(conversation).shape).toBe('conversation');
    expect(classifyResponse(messageConversation).shape).toBe('message-conversation');
    expect(classifyResponse({ entities: [messageData('m', '2026-01-01T00:00:00Z', {})] }).shape).toBe(
      'messages',
    );
    expect(classifyResponse([{ messagingTranscript: [] }]).shape).toBe('recordings');
    expect(classifyResponse({ from: { email: 'a@b' }, to: [], textBody: '' }).shape).toBe('email-message');
    expect(classifyResponse({ hello: 1 }).shape).toBe('unknown');
  });
});
