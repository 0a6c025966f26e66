// Fixed identifiers of the sample org. The ones people type (org, users, conversations) are
// literals; the many internal ones (participants, messages, downloads) are derived from a seed
// with SHA-256, so they are just as fixed but cannot collide by copy-paste.
import { createHash } from 'node:crypto';

export const orgId = '6f1c2a4e-8b3d-4e5f-9a7c-1d2e3f4a5b6c';
export const otherOrgId = 'e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b';

export const userIds = {
  alice: '3f0a1c5e-8b2d-4c6f-9a1e-00000000a11c',
  bob: '3f0a1c5e-8b2d-4c6f-9a1e-000000000b0b',
  quinn: '3f0a1c5e-8b2d-4c6f-9a1e-00000000c0a1',
  carol: '3f0a1c5e-8b2d-4c6f-9a1e-00000000ca01',
  devon: '3f0a1c5e-8b2d-4c6f-9a1e-00000000de70',
  mallory: 'd4c3b2a1-9f8e-4d7c-8b6a-0000000000ba',
} as const;

export const conversationIds = {
  webMessaging: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01',
  openMessagingS3: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e02',
  openMessagingStore: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e03',
  email: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e04',
  endedMessaging: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05',
  endedEmail: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e06',
  endedMessagingStory: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e07',
  emailLongThread: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e08',
  endedEmailRelative: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e09',
  openMessagingRehosted: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e10',
  webMessagingDocuments: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e11',
} as const;

export const queueId = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

/** 32 lower-case hex characters, the form of Genesys message and download ids. */
export function hexId(seed: string): string {
  return createHash('sha256').update(`sample-org/${seed}`).digest('hex').slice(0, 32);
}

/** A version-4-shaped UUID derived from the seed. */
export function uuidFrom(seed: string): string {
  const h = hexId(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
