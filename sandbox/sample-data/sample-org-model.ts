// The whole sample org in memory: files, where they live, and the conversation data pointing at them.
import type { Models } from 'purecloud-platform-client-v2';
import { emailConversationView, emailMessages } from './conversation-email.ts';
import { emailLongThreadMessages, emailLongThreadView } from './conversation-email-long-thread.ts';
import { endedEmailRecordings, endedMessagingRecordings } from './conversation-ended.ts';
import {
  endedEmailRelativeRecordings,
  endedMessagingStoryRecordings,
} from './conversation-old-interactions.ts';
import { openMessagingRehostedConversation } from './conversation-open-messaging-rehosted.ts';
import { openMessagingS3Conversation } from './conversation-open-messaging-s3.ts';
import { openMessagingStoreConversation } from './conversation-open-messaging-store.ts';
import { webMessagingConversation } from './conversation-web-messaging.ts';
import { webMessagingDocumentsConversation } from './conversation-web-messaging-documents.ts';
import type { SampleMessagingConversation } from './messaging-builders.ts';
import { buildSampleFiles, type SampleFiles } from './sample-files.ts';
import {
  allBucketObjects,
  type BucketObject,
  type GenesysHostedFiles,
  genesysHostedFiles,
  type S3OnlyObjects,
  type StoreObjects,
  s3OnlyObjects,
  storeObjects,
} from './sample-storage.ts';

export interface SampleOrgModel {
  files: SampleFiles;
  hosted: GenesysHostedFiles;
  store: StoreObjects;
  s3Only: S3OnlyObjects;
  buckets: BucketObject[];
  messaging: {
    webMessaging: SampleMessagingConversation;
    openMessagingS3: SampleMessagingConversation;
    openMessagingStore: SampleMessagingConversation;
    openMessagingRehosted: SampleMessagingConversation;
    webMessagingDocuments: SampleMessagingConversation;
  };
  email: { conversation: Models.Conversation; messages: Models.EmailMessage[] };
  endedMessagingRecordings: Models.Recording[];
  endedEmailRecordings: Models.Recording[];
  emailLongThread: { conversation: Models.Conversation; messages: Models.EmailMessage[] };
  endedMessagingStoryRecordings: Models.Recording[];
  endedEmailRelativeRecordings: Models.Recording[];
}

export function buildSampleOrgModel(): SampleOrgModel {
  const files = buildSampleFiles();
  const hosted = genesysHostedFiles(files);
  const store = storeObjects(files);
  const s3Only = s3OnlyObjects(files);
  return {
    files,
    hosted,
    store,
    s3Only,
    buckets: allBucketObjects(store, s3Only),
    messaging: {
      webMessaging: webMessagingConversation(hosted),
      openMessagingS3: openMessagingS3Conversation(s3Only),
      openMessagingStore: openMessagingStoreConversation(store),
      openMessagingRehosted: openMessagingRehostedConversation(hosted, store),
      webMessagingDocuments: webMessagingDocumentsConversation(hosted),
    },
    email: { conversation: emailConversationView(), messages: emailMessages(hosted) },
    endedMessagingRecordings: endedMessagingRecordings(hosted),
    endedEmailRecordings: endedEmailRecordings(hosted),
    emailLongThread: { conversation: emailLongThreadView(), messages: emailLongThreadMessages(hosted) },
    endedMessagingStoryRecordings: endedMessagingStoryRecordings(hosted),
    endedEmailRelativeRecordings: endedEmailRelativeRecordings(hosted),
  };
}
