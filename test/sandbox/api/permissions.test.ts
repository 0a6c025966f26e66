// The permissions Genesys documents for each call, enforced by the sandbox org against the sample
// users' roles: an agent without messaging view, a QA reviewer, a user whose role grants nothing.
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowsCall, hasPermission, platformCallRequirements } from '../../../core/platform-permissions.ts';
import {
  conversationIds,
  sampleOrgDir,
  sandboxTokens,
  userIds,
} from '../../../sandbox/sample-data/manifest.ts';
import { sampleUsers } from '../../../sandbox/sample-data/sample-org-envelope.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});

afterAll(async () => {
  await sandbox.close();
});

function call(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(`${sandbox.url}${path}`, { ...init, headers });
}

function bulk(conversationId: string, token: string): Promise<Response> {
  return call(`/api/v2/conversations/messages/${conversationId}/messages/bulk`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[]',
  });
}

async function expectMissing(response: Response, ...permissions: string[]): Promise<void> {
  expect(response.status).toBe(403);
  const body = (await response.json()) as Models.ErrorBody;
  expect(body).toMatchObject({ status: 403, code: 'missing.permissions', details: [], errors: [] });
  expect(body.contextId).toBe(response.headers.get('inin-correlation-id'));
  for (const permission of permissions) expect(body.message).toContain(permission);
}

describe('permission matching', () => {
  it('matches exact permissions and the wildcards roles grant, never a prefix', () => {
    expect(hasPermission(['conversation:message:view'], 'conversation:message:view')).toBe(true);
    expect(hasPermission(['conversation:*:view'], 'conversation:message:view')).toBe(true);
    expect(hasPermission(['recording:recording:*'], 'recording:recording:view')).toBe(true);
    expect(hasPermission(['*'], 'analytics:conversationDetail:view')).toBe(true);
    expect(hasPermission(['conversation:message'], 'conversation:message:view')).toBe(false);
    expect(hasPermission(['conversation:message:viewAll'], 'conversation:message:view')).toBe(false);
    expect(hasPermission(['conversation:communication:view'], 'conversation:message:view')).toBe(false);
  });

  it('needs any one of a call’s permissions, and none for calls Genesys documents without', () => {
    expect(allowsCall(['conversation:webmessaging:view'], 'messages.bulk')).toBe(true);
    expect(allowsCall(['conversation:communication:view'], 'messages.bulk')).toBe(false);
    expect(allowsCall([], 'emails.list')).toBe(true);
    expect(allowsCall([], 'downloads')).toBe(true);
    expect(platformCallRequirements.recordings.anyPermission).toContain('recording:recordingSegment:view');
  });
});

describe('sample users', () => {
  it('have realistic roles: agents, one without messaging view, a QA reviewer, a user with none', () => {
    const byUsername = new Map(sampleUsers.map((u) => [u.username, u]));
    const carol = byUsername.get('carol');
    expect(carol?.id).toBe(userIds.carol);
    expect(allowsCall(carol?.permissions ?? [], 'conversations.get')).toBe(true);
    expect(allowsCall(carol?.permissions ?? [], 'messages.bulk')).toBe(false);
    const quinn = byUsername.get('quinn')?.permissions ?? [];
    expect(allowsCall(quinn, 'analytics.query') && allowsCall(quinn, 'recordings')).toBe(true);
    expect(byUsername.get('devon')?.permissions).toEqual([]);
    expect(allowsCall(byUsername.get('alice')?.permissions ?? [], 'analytics.query')).toBe(false);
  });
});

describe('the sandbox enforces each call’s permissions', () => {
  it('refuses message bodies to an agent without messaging view, naming both permissions', async () => {
    await expectMissing(
      await bulk(conversationIds.webMessaging, sandboxTokens.carol),
      'conversation:message:view',
      'conversation:webmessaging:view',
    );
    // The conversation itself and the email listing need no messaging permission.
    expect(
      (await call(`/api/v2/conversations/${conversationIds.webMessaging}`, sandboxTokens.carol)).status,
    ).toBe(200);
    expect(
      (await call(`/api/v2/conversations/emails/${conversationIds.email}/messages`, sandboxTokens.carol))
        .status,
    ).toBe(200);
    expect((await bulk(conversationIds.webMessaging, sandboxTokens.alice)).status).toBe(200);
  });

  it('refuses a user whose role grants nothing every conversation read, yet answers users/me', async () => {
    await expectMissing(
      await call(`/api/v2/conversations/${conversationIds.webMessaging}`, sandboxTokens.devon),
      'conversation:communication:view',
    );
    await expectMissing(
      await call(`/api/v2/conversations/${conversationIds.endedMessaging}/recordings`, sandboxTokens.devon),
      'recording:recording:view',
      'recording:recordingSegment:view',
    );
    await expectMissing(
      await call('/api/v2/analytics/conversations/details/query', sandboxTokens.devon, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ interval: '2026-01-01T00:00:00Z/2026-12-31T00:00:00Z' }),
      }),
      'analytics:conversationDetail:view',
      'analytics:agentConversationDetail:view',
    );
    const me = await call('/api/v2/users/me?expand=authorization', sandboxTokens.devon);
    expect(me.status).toBe(200);
    expect(((await me.json()) as Models.UserMe).authorization?.permissions).toEqual([]);
  });

  it('lets the QA reviewer query analytics and read recordings', async () => {
    const recordings = await call(
      `/api/v2/conversations/${conversationIds.endedMessaging}/recordings`,
      sandboxTokens.quinn,
    );
    expect(recordings.status).toBe(200);
    const analytics = await call('/api/v2/analytics/conversations/details/query', sandboxTokens.quinn, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ interval: '2026-01-01T00:00:00Z/2026-12-31T00:00:00Z' }),
    });
    expect(analytics.status).toBe(200);
  });

  it('checks the permission before the conversation grant, as a role applies before a participant check', async () => {
    // Devon is granted no conversation either: the answer still names the missing permission.
    await expectMissing(
      await call(`/api/v2/conversations/${conversationIds.email}`, sandboxTokens.devon),
      'conversation:communication:view',
    );
  });
});
