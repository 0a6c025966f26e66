// Shape switches: ways a real org's payloads may differ from the sample org's, switched on per test
// (or from the demo) for every conversation the sandbox serves, without another data folder.
import { z } from 'zod';

export const shapeSwitchesSchema = z.strictObject({
  /**
   * Serve `MessageDetails` without `media`. The Platform SDK marks `MessageDetails.media` deprecated
   * ("use the messages for media"): with this on, the bulk message bodies are the only place the
   * conversation's files are found, as in an org where Genesys has dropped the field.
   */
  withoutMessageDetailsMedia: z.boolean().optional(),
});

export type ShapeSwitches = Required<z.infer<typeof shapeSwitchesSchema>>;

export function defaultShapes(): ShapeSwitches {
  return { withoutMessageDetailsMedia: false };
}

/**
 * A conversation body (GET /conversations/{id}: participants[].messages[].messages[]; GET
 * /conversations/messages/{id}: participants[].messages[]) as the switches shape it. Never changes
 * the body read from the data folder.
 */
export function shapeConversation(body: unknown, shapes: ShapeSwitches): unknown {
  if (!shapes.withoutMessageDetailsMedia) return body;
  const copy = structuredClone(body) as { participants?: { messages?: unknown[] }[] };
  for (const participant of copy.participants ?? []) {
    for (const item of participant.messages ?? []) {
      const communication = item as { messages?: unknown[]; media?: unknown };
      if (Array.isArray(communication.messages))
        for (const details of communication.messages) delete (details as { media?: unknown }).media;
      else delete communication.media;
    }
  }
  return copy;
}
