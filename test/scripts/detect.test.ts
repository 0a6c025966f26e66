import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConversationData, detectAttachments } from '../../core/detect.ts';
import { referenceId } from '../../core/reference-id.ts';
import {
  expectedReferences,
  sampleConversations,
  sampleDetectionRules,
  sampleOrgDir,
} from '../../sandbox/sample-data/manifest.ts';
import { detectFromPaths, formatTable } from '../../scripts/detect.ts';

function load(conversationId: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(sampleOrgDir, 'conversations', conversationId, file), 'utf8'));
  } catch {
    return undefined;
  }
}

/** What the proxy reads for a conversation: the conversation (either shape), bulk messages, emails, recordings. */
function dataOf(
  conversationId: string,
  shape: 'conversation.json' | 'message-conversation.json',
): ConversationData {
  return {
    conversationId,
    // The sample org's files are Platform API responses, as the SDK's models type them.
    conversation: load(conversationId, shape) as ConversationData['conversation'],
    messages: load(conversationId, 'messages.json') as ConversationData['messages'],
    emails: load(conversationId, 'emails.json') as ConversationData['emails'],
    recordings: load(conversationId, 'recordings.json') as ConversationData['recordings'],
  };
}

describe('detection over the sample org', () => {
  const expected = expectedReferences();

  it.each(sampleConversations.map((c) => [c.id, c.description]))(
    'finds every reference of %s (%s)',
    (conversationId) => {
      const found = detectAttachments(dataOf(conversationId, 'conversation.json'), sampleDetectionRules);
      const want = expected.filter((e) => e.conversationId === conversationId);
      expect(found.map((f) => f.id).sort()).toEqual(
        want.map((w) => referenceId(conversationId, w.location)).sort(),
      );
      for (const w of want) {
        const ref = found.find((f) => f.id === referenceId(conversationId, w.location));
        expect(ref, w.fileName).toBeDefined();
        expect(ref?.fileName).toBe(w.fileName);
        expect(ref?.location).toEqual(w.location);
        expect(ref?.sender, w.fileName).toBe(w.sender);
        expect(new Set(ref?.sources.map((s) => s.field))).toEqual(new Set(w.fields));
        if (w.declaredType) expect(ref?.declaredType, w.fileName).toBe(w.declaredType);
        if (w.size !== undefined) expect(ref?.size, w.fileName).toBe(w.size);
        expect(ref?.inlineImage, w.fileName).toBe(w.inlineImage);
        expect(ref?.scannedAs, w.fileName).toEqual(w.scannedAs);
      }
    },
  );

  it('gives the same ids from GET /conversations/{id} and GET /conversations/messages/{id}', () => {
    for (const { id, files } of sampleConversations) {
      if (!files.includes('message-conversation')) continue;
      const a = detectAttachments(dataOf(id, 'conversation.json'), sampleDetectionRules);
      const b = detectAttachments(dataOf(id, 'message-conversation.json'), sampleDetectionRules);
      expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    }
  });

  it('lists every sample reference through the detect command, from the data folder as an admin would run it', async () => {
    const reports = await detectFromPaths([join(sampleOrgDir, 'conversations')], sampleDetectionRules);
    const total = reports.reduce((n, r) => n + r.attachments.length, 0);
    expect(total).toBe(expected.length);
    const table = formatTable(reports);
    for (const e of expected) expect(table).toContain(e.fileName);
    expect(table).not.toMatch(/X-Amz-Signature/i);
  });
});

describe('sandbox/sample-rules.json', () => {
  it('is exactly the sample org detection rules (what README tells admins to pass to npm run detect)', () => {
    expect(JSON.parse(readFileSync(join(sampleOrgDir, '..', 'sample-rules.json'), 'utf8'))).toEqual(
      sampleDetectionRules,
    );
  });
});
