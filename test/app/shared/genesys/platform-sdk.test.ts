// The widget's Platform SDK module (app/shared/genesys/platform-sdk.ts): the SDK's own ES module
// sources, one client for the page, and every API class — loaded at once or on demand — bound to it.
import { describe, expect, it } from 'vitest';
import { configurePlatformClient } from '../../../../app/shared/auth/genesys-session.ts';
import {
  analyticsApi,
  conversationsApi,
  notificationsApi,
  platformApiClient,
  recordingApi,
  usersApi,
} from '../../../../app/shared/genesys/platform-sdk.ts';
import { irelandContext } from '../../../support/app/widget-context.ts';

const context = irelandContext;

/** The client an SDK API object calls through (ApiClient.js sets it in every API class's constructor). */
const clientOf = (api: object) => (api as { apiClient?: unknown }).apiClient;

describe('the Platform SDK module', () => {
  it('makes one client for the page, the one the SDK registers as its instance', () => {
    const client = platformApiClient();
    expect(platformApiClient()).toBe(client);
    expect(client.instance).toBe(client);
  });

  it("points the SDK's client at the agent's region with the SDK's setEnvironment", () => {
    const client = configurePlatformClient({ oauthClientId: 'pkce-client-1', proxyBase: '' }, context);
    expect(client).toBe(platformApiClient());
    expect(client.config.basePath).toBe('https://api.mypurecloud.ie');
    expect(client.config.authUrl).toBe('https://login.mypurecloud.ie');
  });

  it('binds the API classes the list needs, and those loaded on demand, to that client', async () => {
    const client = platformApiClient();
    const conversations = conversationsApi();
    const review = await analyticsApi();
    const onDemand = [await recordingApi(), await usersApi(), await notificationsApi(), review];
    for (const api of [conversations, ...onDemand]) expect(clientOf(api)).toBe(client);
    expect(typeof conversations.getConversation).toBe('function');
    expect(typeof review.postAnalyticsConversationsDetailsQuery).toBe('function');
  });
});
