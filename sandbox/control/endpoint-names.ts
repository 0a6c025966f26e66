// Names by which faults are set and calls are counted, one per emulated endpoint.
export const endpointNames = [
  'oauth.authorize',
  'oauth.token',
  'users.me',
  'tokens.me',
  'conversations.list',
  'conversations.get',
  'conversations.messages.get',
  'messages.bulk',
  'emails.list',
  'emails.get',
  'recordings',
  'downloads',
  'downloads.file',
  'analytics.query',
  'notifications.channels',
  'notifications.subscriptions',
] as const;

export type EndpointName = (typeof endpointNames)[number];

export function isEndpointName(value: string): value is EndpointName {
  return (endpointNames as readonly string[]).includes(value);
}
