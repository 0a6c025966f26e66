// Detection's input is typed with the Platform SDK's models: a field name the model does not have
// does not compile (each @ts-expect-error below fails `npm run typecheck` if the error goes away),
// and the values are still checked when read, whatever arrives.
import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConversationData } from '../../core/detect.ts';
import { fieldValue, hasList, listOf, objectOf, textOf } from '../../core/model-access.ts';

describe('field names are checked against the SDK models', () => {
  it('refuses a misspelt or renamed field at compile time', () => {
    const attachment: Models.ConversationContentAttachment = {
      mediaType: 'Image',
      url: 'https://api.mypurecloud.com/api/v2/downloads/abc',
      filename: 'photo.jpg',
    };
    expect(textOf(attachment, 'filename')).toBe('photo.jpg');
    // @ts-expect-error the model's field is `filename`, not `fileName`
    expect(textOf(attachment, 'fileName')).toBeUndefined();

    // What happens to detection if the SDK renamed a field it reads: the same call stops compiling.
    type RenamedBySdk = Omit<Models.ConversationContentAttachment, 'filename'> & { fileName?: string };
    const renamed: RenamedBySdk = { mediaType: 'Image', fileName: 'photo.jpg' };
    // @ts-expect-error `filename` is gone from the (renamed) model
    expect(textOf(renamed, 'filename')).toBeUndefined();

    const details: Models.MessageDetails = { messageId: 'm1' };
    // @ts-expect-error MessageDetails has `messageTime`, not `time`
    expect(textOf(details, 'time')).toBeUndefined();
    // @ts-expect-error MessageMedia's size is `contentLengthBytes`
    expect(fieldValue({ url: 'x' } as Models.MessageMedia, 'sizeBytes')).toBeUndefined();
  });

  it('accepts a field of any member of a union of models, and only those', () => {
    const conversation: Models.Conversation | Models.MessageConversation = { id: 'c1', participants: [] };
    expect(listOf(conversation, 'participants')).toEqual([]);
    const listing: Models.EmailMessagePreviewListing = { entities: [] };
    expect(hasList(listing, 'entities')).toBe(true);
    // @ts-expect-error neither conversation model has `participant`
    expect(listOf(conversation, 'participant')).toEqual([]);
  });

  it('types the elements of a list as the model does', () => {
    const recording: Models.Recording = { messagingTranscript: [] };
    expectTypeOf(listOf(recording, 'messagingTranscript')).toEqualTypeOf<
      readonly Models.RecordingMessagingMessage[]
    >();
    expectTypeOf(objectOf({} as Models.MessageData, 'normalizedMessage')).toEqualTypeOf<
      Models.ConversationNormalizedMessage | undefined
    >();
  });

  it('types the parts of ConversationData with the SDK models', () => {
    expectTypeOf<ConversationData['recordings']>().toEqualTypeOf<readonly Models.Recording[] | undefined>();
    expectTypeOf<NonNullable<ConversationData['conversation']>>().toEqualTypeOf<
      Models.Conversation | Models.MessageConversation
    >();
    const data: ConversationData = {
      conversationId: 'c1',
      // @ts-expect-error an email listing is not a recording
      recordings: [{ entities: [] } satisfies Models.EmailMessagePreviewListing],
    };
    expect(data.conversationId).toBe('c1');
  });
});

describe('values are checked when read', () => {
  it('answers nothing for a value of the wrong kind, whatever the type said', () => {
    const hostile = JSON.parse(
      '{"participants":"not a list","id":42,"startTime":{"x":1},"recordingState":["a"]}',
    ) as Models.Conversation;
    expect(listOf(hostile, 'participants')).toEqual([]);
    expect(textOf(hostile, 'id')).toBeUndefined();
    expect(objectOf(hostile, 'recordingState')).toBeUndefined();
    expect(textOf(null as unknown as Models.Conversation, 'id')).toBeUndefined();
    expect(listOf(['x'] as unknown as Models.Conversation, 'participants')).toEqual([]);
  });
});
