// The sandbox org answers the real Platform SDK, driven the way the widget drives it: PKCE sign-in,
// then the conversation, message, email, recording and download calls.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessageIds } from '../../sandbox/sample-data/conversation-email.ts';
import {
  conversationIds,
  orgId,
  sampleOAuthClientId,
  sampleOrgDir,
  sandboxTokens,
  userIds,
} from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';
import { platformClient } from '../support/platform-client.ts';
import { pointSdkAtSandbox, signInWithPkce } from '../support/sdk-sign-in.ts';

const client = platformClient.ApiClient.instance;
let sandbox: RunningSandbox;
let redirectUri: string;
let aliceToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  redirectUri = `${sandbox.url}/callback`;
  sandbox.control.addRedirectUri(redirectUri);
  pointSdkAtSandbox(client, sandbox);
  client.setReturnExtendedResponses(false);
  aliceToken = await signInWithPkce(client, sandbox, { clientId: sampleOAuthClientId, redirectUri });
});

afterAll(async () => {
  await sandbox.close();
});

async function downloadsJson(): Promise<Record<string, { file: string; contentType: string; name: string }>> {
  return JSON.parse(await readFile(path.join(sampleOrgDir, 'downloads.json'), 'utf8'));
}

describe('sign-in', () => {
  it('reaches login and API on the sandbox through setGateway with empty path params', () => {
    expect(client.config.getConfUrl('login', 'https://login.mypurecloud.com')).toBe(sandbox.url);
    expect(client.config.getConfUrl('api', 'https://api.mypurecloud.com')).toBe(sandbox.url);
  });

  it('signs the default user in with the PKCE code flow and the API accepts the token', async () => {
    const me = await new platformClient.UsersApi().getUsersMe();
    expect(me.id).toBe(userIds.alice);
    expect(me.username).toBe('alice');
  });

  it('signs in the user named by login_hint', async () => {
    try {
      await signInWithPkce(client, sandbox, {
        clientId: sampleOAuthClientId,
        redirectUri,
        loginHint: 'quinn',
      });
      expect((await new platformClient.UsersApi().getUsersMe()).username).toBe('quinn');
    } finally {
      client.setAccessToken(aliceToken);
    }
  });
});

describe('identity', () => {
  it('expands the organization and the token on users/me', async () => {
    const me = await new platformClient.UsersApi().getUsersMe({
      expand: ['organization', 'token', 'authorization'],
    });
    expect(me.organization).toMatchObject({ id: orgId, name: 'Sandbox Insurance' });
    expect(me.token?.organization?.id).toBe(orgId);
    expect(me.token?.OAuthClient).toMatchObject({ id: sampleOAuthClientId, authorizedGrantType: 'CODE' });
    expect(me.authorization?.permissions).toContain('recording:recording:view');
  });

  it('leaves unexpanded parts out of users/me', async () => {
    const me = await new platformClient.UsersApi().getUsersMe();
    expect(me.organization).toBeUndefined();
    expect(me.token).toBeUndefined();
  });

  it("reports the token's organization, OAuth client and scopes at tokens/me", async () => {
    const info = await new platformClient.TokensApi().getTokensMe({ preserveIdleTTL: true });
    expect(info.organization?.id).toBe(orgId);
    expect(info.homeOrganization?.id).toBe(orgId);
    expect(info.OAuthClient?.id).toBe(sampleOAuthClientId);
    expect(info.authorizedScope).toContain('conversations:readonly');
  });

  it('answers HEAD tokens/me with success for a valid token and 401 for an expired one', async () => {
    const tokens = new platformClient.TokensApi();
    // A failed HEAD has no body, so the SDK rejects with undefined: compare outcomes, not values.
    const outcome = () =>
      tokens.headTokensMe().then(
        () => 'resolved',
        () => 'rejected',
      );
    expect(await outcome()).toBe('resolved');
    client.setAccessToken(sandboxTokens.aliceExpired);
    try {
      expect(await outcome()).toBe('rejected');
      const response = await fetch(`${sandbox.url}/api/v2/tokens/me`, {
        method: 'HEAD',
        headers: { Authorization: `Bearer ${sandboxTokens.aliceExpired}` },
      });
      expect(response.status).toBe(401);
    } finally {
      client.setAccessToken(aliceToken);
    }
  });
});

describe('conversations', () => {
  const conversationsApi = () => new platformClient.ConversationsApi();

  it('serves the same messages in the conversation, the message view and the bulk bodies', async () => {
    const id = conversationIds.webMessaging;
    const conversation = await conversationsApi().getConversation(id);
    const messageView = await conversationsApi().getConversationsMessage(id);
    const fromConversation = conversation.participants.flatMap((p) =>
      (p.messages ?? []).flatMap((c) => (c.messages ?? []).map((m) => m.messageId)),
    );
    const fromMessageView = (messageView.participants ?? []).flatMap((p) =>
      (p.messages ?? []).map((m) => m.messageId),
    );
    expect(fromConversation.length).toBeGreaterThan(5);
    expect(new Set(fromMessageView)).toEqual(new Set(fromConversation));

    const ids = fromConversation.filter((m): m is string => m !== undefined);
    const listing = await conversationsApi().postConversationsMessageMessagesBulk(id, { body: ids });
    expect(listing.entities?.map((m) => m.id)).toEqual(ids);
    expect(listing.entities?.every((m) => m.conversationId === id)).toBe(true);
  });

  it('returns only the requested messages from bulk, skipping unknown ids', async () => {
    const messageView = await conversationsApi().getConversationsMessage(conversationIds.openMessagingS3);
    const first = messageView.participants?.[0]?.messages?.[0]?.messageId ?? '';
    const listing = await conversationsApi().postConversationsMessageMessagesBulk(
      conversationIds.openMessagingS3,
      {
        body: [first, 'ffffffffffffffffffffffffffffffff'],
      },
    );
    expect(listing.entities?.map((m) => m.id)).toEqual([first]);
  });

  it('lists the email messages of a thread and returns each with its attachments', async () => {
    const id = conversationIds.email;
    const listing = await conversationsApi().getConversationsEmailMessages(id);
    expect(listing.entities?.map((m) => m.id)).toEqual([emailMessageIds.report, emailMessageIds.reply]);
    expect(listing.entities?.[0]?.textBodyPreview).toContain('accident report');

    const report = await conversationsApi().getConversationsEmailMessage(id, emailMessageIds.report);
    expect(report.attachments?.map((a) => [a.name, a.inlineImage])).toEqual([
      ['accident-report.pdf', false],
      ['logo.png', true],
    ]);
    expect(report.attachments?.[0]?.contentUri).toMatch(
      /^https:\/\/api-downloads\.mypurecloud\.com\/api\/v2\/downloads\/[0-9a-f]{32}$/,
    );
  });

  it('returns the recordings of an ended interaction whose conversation is gone', async () => {
    const id = conversationIds.endedMessaging;
    const error = await conversationsApi()
      .getConversation(id)
      .then(
        () => undefined,
        (e: Models.ErrorBody) => e,
      );
    expect(error?.status).toBe(404);

    const recordings = await new platformClient.RecordingApi().getConversationRecordings(id);
    const attachments = recordings
      .flatMap((r) => r.messagingTranscript ?? [])
      .flatMap((m) => m.messageMediaAttachments ?? []);
    expect(attachments.map((a) => a.name)).toEqual(['receipt.jpg']);
  });

  it('returns the email transcript of an ended email interaction', async () => {
    const recordings = await new platformClient.RecordingApi().getConversationRecordings(
      conversationIds.endedEmail,
    );
    const attachments = recordings
      .flatMap((r) => r.emailTranscript ?? [])
      .flatMap((e) => e.attachments ?? []);
    expect(attachments.map((a) => a.name)).toEqual(['old-invoice.pdf']);
  });
});

describe('downloads', () => {
  it('hands out a signed URL whose bytes, type and name match the file', async () => {
    const downloads = await downloadsJson();
    for (const [downloadId, entry] of Object.entries(downloads)) {
      const { url } = await new platformClient.DownloadsApi().getDownload(downloadId, {
        issueRedirect: false,
      });
      expect(url).toMatch(new RegExp(`^${sandbox.url}/__sandbox/files/${downloadId}\\?`));
      const response = await fetch(url ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(entry.contentType);
      expect(response.headers.get('content-disposition')).toContain(`filename="${entry.name}"`);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(await readFile(path.join(sampleOrgDir, entry.file)))).toBe(true);
    }
  });

  it('honours the contentDisposition option', async () => {
    const [downloadId] = Object.keys(await downloadsJson());
    const api = new platformClient.DownloadsApi();
    const inline = await api.getDownload(downloadId ?? '', {
      issueRedirect: false,
      contentDisposition: 'inline',
    });
    expect((await fetch(inline.url ?? '')).headers.get('content-disposition')).toMatch(/^inline;/);
    const none = await api.getDownload(downloadId ?? '', {
      issueRedirect: false,
      contentDisposition: 'none',
    });
    expect((await fetch(none.url ?? '')).headers.get('content-disposition')).toBeNull();
  });

  it('redirects to the signed URL with 303 unless issueRedirect is false', async () => {
    const [downloadId] = Object.keys(await downloadsJson());
    const response = await fetch(`${sandbox.url}/api/v2/downloads/${downloadId}`, {
      headers: { Authorization: `Bearer ${aliceToken}` },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(
      new RegExp(`/__sandbox/files/${downloadId}\\?.*signature=`),
    );
  });
});
