// Seed integrations add `?conversationId=` (and `&region=`) to stable links: detection must read the
// same key, and give the same attachment id, with or without them.
import { describe, expect, it } from 'vitest';
import { detectAttachments } from '../../core/detect.ts';
import { sampleDetectionRules } from '../../sandbox/sample-data/manifest.ts';

const refsIn = (text: string) =>
  detectAttachments(
    {
      conversationId: 'c1',
      messages: [
        {
          id: 'm1',
          timestamp: '2026-03-14T09:00:00.000Z',
          status: 'received',
          normalizedMessage: { type: 'Text', text },
        },
      ],
    },
    sampleDetectionRules,
  );

describe('stable links with the conversation id', () => {
  it('keep the key and the attachment id of the plain link', () => {
    const plain = refsIn('see https://viewer.example.com/ref/claims/2026/notes.txt');
    const named = refsIn(
      'see https://viewer.example.com/ref/claims/2026/notes.txt?conversationId=b2c4e6f8-0a1b&region=mypurecloud.ie',
    );
    expect(named.map((r) => r.location)).toEqual([{ kind: 'proxy', key: 'claims/2026/notes.txt' }]);
    expect(named.map((r) => r.id)).toEqual(plain.map((r) => r.id));
  });
});
