// Which JSON file of the data folder each conversation view goes to. Ended interactions get only
// recordings.json: their conversation endpoints answer 404, as for an interaction past retention.

import { conversationView, messageConversationView, messageDataView } from './messaging-builders.ts';
import { conversationIds } from './sample-ids.ts';
import type { SampleOrgModel } from './sample-org-model.ts';

export function conversationViewJson(model: SampleOrgModel): Array<[string, unknown]> {
  const messaging = Object.values(model.messaging).flatMap(
    (c): Array<[string, unknown]> => [
      [`conversations/${c.id}/conversation.json`, conversationView(c)],
      [`conversations/${c.id}/message-conversation.json`, messageConversationView(c)],
      [`conversations/${c.id}/messages.json`, messageDataView(c)],
    ],
  );
  return [
    ...messaging,
    [`conversations/${conversationIds.email}/conversation.json`, model.email.conversation],
    [`conversations/${conversationIds.email}/emails.json`, model.email.messages],
    [`conversations/${conversationIds.endedMessaging}/recordings.json`, model.endedMessagingRecordings],
    [`conversations/${conversationIds.endedEmail}/recordings.json`, model.endedEmailRecordings],
    [
      `conversations/${conversationIds.endedMessagingStory}/recordings.json`,
      model.endedMessagingStoryRecordings,
    ],
    [
      `conversations/${conversationIds.emailLongThread}/conversation.json`,
      model.emailLongThread.conversation,
    ],
    [`conversations/${conversationIds.emailLongThread}/emails.json`, model.emailLongThread.messages],
    [
      `conversations/${conversationIds.endedEmailRelative}/recordings.json`,
      model.endedEmailRelativeRecordings,
    ],
  ];
}
