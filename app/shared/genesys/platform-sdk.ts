// The Platform SDK classes the widget uses, imported from the SDK's ES module sources (its
// package.json `module` field: one file per API class) instead of its index, whose default export is
// one object holding every API class of Genesys Cloud (2 MB minified). The bundle carries the client,
// the API classes below and nothing else of the SDK. These are the SDK's own files, so sign-in
// (loginPKCEGrant), setEnvironment and every call run the SDK's code; their types are those of the
// SDK's index.d.ts (platform-sdk-sources.d.ts).
/// <reference path="./platform-sdk-sources.d.ts" />
import type { AnalyticsApi, NotificationsApi, RecordingApi, UsersApi } from 'purecloud-platform-client-v2';
import ApiClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/ApiClient.js';
import ConversationsApi from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/ConversationsApi.js';
import { FetchHttpClient } from './fetch-http-client.ts';
import type { conversationsCalls } from './sdk-calls.ts';

export type PlatformApiClient = InstanceType<typeof ApiClient>;

/**
 * The page's one SDK client, which the API classes are given. Made on first use, as the SDK's index
 * makes it on import (`new ApiClient()`), so importing this module has no side effects.
 */
export function platformApiClient(): PlatformApiClient {
  if (ApiClient.instance) return ApiClient.instance;
  const client = new ApiClient();
  // Before any call: the SDK makes its axios client on first use only when none was given.
  client.setHttpClient(new FetchHttpClient() as unknown as Parameters<PlatformApiClient['setHttpClient']>[0]);
  return client;
}

/**
 * The conversations API as the widget uses it: the methods of sdk-calls.ts, the only ones the build
 * keeps of the class.
 */
export type WidgetConversationsApi = Pick<ConversationsApi, (typeof conversationsCalls)[number]>;

/** On the way to the list: the conversation and its messages. */
export function conversationsApi(): WidgetConversationsApi {
  return new ConversationsApi(platformApiClient());
}

// Not on the way to the list, so each loads (its own chunk) when first called: review mode's
// analytics query, the recordings of a conversation gone from the conversations API, and the
// notifications channel, which starts once the list is up. Each names its file literally, so the
// bundler can make it a chunk.

function bound<Api>(module: { default: new (client: PlatformApiClient) => Api }): Api {
  return new module.default(platformApiClient());
}

export async function analyticsApi(): Promise<AnalyticsApi> {
  return bound(
    await import('purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/AnalyticsApi.js'),
  );
}

export async function recordingApi(): Promise<RecordingApi> {
  return bound(
    await import('purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/RecordingApi.js'),
  );
}

/**
 * The recordings API on a view of the page's client that resolves with `{ status, body }`: Genesys
 * answers 202 Accepted while recordings are being prepared, and the SDK's plain answer drops the
 * status. The view shares the client's settings and token; only `returnExtended` is its own.
 */
export async function recordingApiWithStatus(): Promise<RecordingApi> {
  const view = Object.create(platformApiClient()) as PlatformApiClient;
  view.setReturnExtendedResponses(true);
  const module = await import(
    'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/RecordingApi.js'
  );
  return new module.default(view);
}

export async function notificationsApi(): Promise<NotificationsApi> {
  return bound(
    await import('purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/NotificationsApi.js'),
  );
}

export async function usersApi(): Promise<UsersApi> {
  return bound(await import('purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/UsersApi.js'));
}
