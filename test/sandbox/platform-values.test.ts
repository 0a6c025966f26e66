// The sample org sends enum-like values as the real API does: every value of a field the SDK types
// as a plain string is one core/platform-values.ts records from Genesys's model documentation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlatformValue, type PlatformField, platformValues } from '../../core/platform-values.ts';
import { sampleOrgDir } from '../../sandbox/sample-data/manifest.ts';

// biome-ignore lint/suspicious/noExplicitAny: the sample's JSON is walked field by field below
type Json = any;

interface Seen {
  field: PlatformField;
  value: unknown;
  where: string;
}

function list(value: Json): Json[] {
  return Array.isArray(value) ? value : [];
}

/** Every (field, value) of the sample org that the table covers, with the file it was in. */
function sampleValues(): Seen[] {
  const seen: Seen[] = [];
  const note = (field: PlatformField, value: unknown, where: string) => {
    if (value !== undefined) seen.push({ field, value, where });
  };
  const dir = path.join(sampleOrgDir, 'conversations');
  for (const id of readdirSync(dir)) {
    const load = (name: string): Json => {
      try {
        return JSON.parse(readFileSync(path.join(dir, id, name), 'utf8'));
      } catch {
        return undefined;
      }
    };
    const where = (name: string) => `${id}/${name}`;
    for (const p of list(load('conversation.json')?.participants)) {
      for (const m of list(p.messages)) {
        note('Message.state', m.state, where('conversation.json'));
        note('Message.type', m.type, where('conversation.json'));
        for (const d of list(m.messages))
          note('MessageDetails.messageStatus', d.messageStatus, where('conversation.json'));
      }
      for (const e of list(p.emails)) {
        note('Email.state', e.state, where('conversation.json'));
        note('Email.direction', e.direction, where('conversation.json'));
      }
    }
    for (const p of list(load('message-conversation.json')?.participants))
      for (const d of list(p.messages))
        note('MessageDetails.messageStatus', d.messageStatus, where('message-conversation.json'));
    for (const m of list(load('messages.json'))) {
      const w = where('messages.json');
      note('MessageData.status', m.status, w);
      note('MessageData.direction', m.direction, w);
      note('MessageData.messengerType', m.messengerType, w);
      const nm = m.normalizedMessage ?? {};
      note('ConversationNormalizedMessage.type', nm.type, w);
      note('ConversationNormalizedMessage.direction', nm.direction, w);
      note('ConversationNormalizedMessage.originatingEntity', nm.originatingEntity, w);
      note('ConversationMessagingChannel.platform', nm.channel?.platform, w);
      for (const c of list(nm.content)) {
        note('ConversationMessageContent.contentType', c.contentType, w);
        note('ConversationContentAttachment.mediaType', c.attachment?.mediaType, w);
        note('ConversationContentStory.type', c.story?.type, w);
      }
    }
    for (const e of list(load('emails.json'))) note('EmailMessage.state', e.state, where('emails.json'));
    for (const r of list(load('recordings.json'))) {
      note('Recording.media', r.media, where('recordings.json'));
      note('Recording.fileState', r.fileState, where('recordings.json'));
      for (const m of list(r.messagingTranscript))
        note('RecordingMessagingMessage.contentType', m.contentType, where('recordings.json'));
    }
  }
  return seen;
}

describe('the sample org against core/platform-values.ts', () => {
  const seen = sampleValues();

  it('sends only documented values', () => {
    const wrong = seen
      .filter((s) => !isPlatformValue(s.field, s.value))
      .map((s) => `${s.where}: ${s.field} = ${JSON.stringify(s.value)}`);
    expect(wrong).toEqual([]);
  });

  it('sends the values a real org sends for the fields that matter, not a sample of one', () => {
    const valuesOf = (field: PlatformField) =>
      new Set(seen.filter((s) => s.field === field).map((s) => s.value));
    expect(valuesOf('MessageDetails.messageStatus')).toEqual(
      new Set(['received', 'sent', 'delivery-success']),
    );
    expect(valuesOf('MessageData.status')).toEqual(new Set(['received', 'sent', 'delivery-success']));
    expect(valuesOf('ConversationMessagingChannel.platform')).toEqual(new Set(['WebMessaging', 'Open']));
    expect(valuesOf('Recording.media')).toEqual(new Set(['messaging', 'email']));
    expect(valuesOf('RecordingMessagingMessage.contentType')).toEqual(new Set(['Attachment', 'Story']));
    expect(valuesOf('Email.state')).toEqual(new Set(['connected']));
    // Sent and received emails are not drafts: they carry no draft state.
    expect(valuesOf('EmailMessage.state')).toEqual(new Set());
  });

  it('catches a value the API does not send (the check can fail)', () => {
    expect(isPlatformValue('ConversationMessagingChannel.platform', 'Genesys')).toBe(false);
    expect(isPlatformValue('MessageDetails.messageStatus', 'delivered')).toBe(false);
    expect(isPlatformValue('Recording.media', 'message')).toBe(false);
    expect(isPlatformValue('RecordingMessagingMessage.contentType', 'Text')).toBe(false);
    expect(Object.keys(platformValues).length).toBeGreaterThan(15);
  });
});
