// Loading a data folder: mistakes are reported by file and field at start-up, conversation files are
// read per request (drop-in works), and a broken conversation file answers 500 naming it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrgData } from '../../sandbox/data/load-org-data.ts';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import { createSandboxApp } from '../../sandbox/sandbox-app.ts';
import { startSandbox } from '../../sandbox/start-sandbox.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-data-'));
  await cp(sampleOrgDir, dataDir, { recursive: true });
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

type JsonObject = Record<string, unknown>;

async function editJson<T>(file: string, edit: (value: T) => void): Promise<void> {
  const target = path.join(dataDir, file);
  const value = JSON.parse(await readFile(target, 'utf8')) as T;
  edit(value);
  await writeFile(target, JSON.stringify(value));
}

const auth = { Authorization: `Bearer ${sandboxTokens.alice}` };

describe('envelope validation', () => {
  it('loads the committed sample org', () => {
    const data = loadOrgData(sampleOrgDir);
    expect(data.users.map((u) => u.username)).toEqual(['alice', 'bob', 'quinn', 'carol', 'devon', 'mallory']);
  });

  it('names the file and field of an invalid value', async () => {
    await editJson<JsonObject[]>('users.json', (users) => {
      Object.assign(users[1] ?? {}, { email: 'not an email' });
    });
    expect(() => loadOrgData(dataDir)).toThrow(/^users\.json: \[1\]\.email: /);
  });

  it('names a missing required field', async () => {
    await editJson<JsonObject>('org.json', (org) => {
      delete org.defaultUser;
    });
    expect(() => loadOrgData(dataDir)).toThrow(/^org\.json: defaultUser: /);
  });

  it('reports a missing org.json', async () => {
    await rm(path.join(dataDir, 'org.json'));
    expect(() => loadOrgData(dataDir)).toThrow(/^org\.json: missing/);
  });

  it('reports a file that is not JSON', async () => {
    await writeFile(path.join(dataDir, 'oauth-clients.json'), '[{');
    expect(() => loadOrgData(dataDir)).toThrow(/^oauth-clients\.json: not valid JSON/);
  });

  it('reports a user of an org that is not declared', async () => {
    await editJson<JsonObject[]>('users.json', (users) => {
      Object.assign(users[0] ?? {}, { organizationId: 'ffffffff-0000-4000-8000-000000000000' });
    });
    expect(() => loadOrgData(dataDir)).toThrow(/users\.json: \[0\]\.organizationId: .* neither/);
  });

  it('reports a default user who does not exist', async () => {
    await editJson<JsonObject>('org.json', (org) => {
      org.defaultUser = 'nobody';
    });
    expect(() => loadOrgData(dataDir)).toThrow(/org\.json: defaultUser: "nobody"/);
  });

  it('reports a download whose file is missing', async () => {
    await editJson<Record<string, JsonObject>>('downloads.json', (downloads) => {
      Object.assign(Object.values(downloads)[0] ?? {}, { file: 'downloads/missing.bin' });
    });
    expect(() => loadOrgData(dataDir)).toThrow(
      /downloads\.json: [0-9a-f]{32}\.file: "downloads\/missing\.bin"/,
    );
  });

  it('refuses a download path that leaves the folder', async () => {
    await editJson<Record<string, JsonObject>>('downloads.json', (downloads) => {
      Object.assign(Object.values(downloads)[0] ?? {}, { file: '../outside.pdf' });
    });
    expect(() => loadOrgData(dataDir)).toThrow(
      /downloads\.json: [0-9a-f]{32}\.file: must be a relative path/,
    );
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startSandbox({ dataDir, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

describe('conversation files', () => {
  it('serves a conversation folder dropped in while running', async () => {
    const { app } = createSandboxApp({ dataDir });
    const id = '0a0b0c0d-1111-4222-8333-444455556666';
    await request(app).get(`/api/v2/conversations/${id}`).set(auth).expect(404);
    await cp(
      path.join(dataDir, 'conversations', conversationIds.webMessaging),
      path.join(dataDir, 'conversations', id),
      {
        recursive: true,
      },
    );
    const response = await request(app).get(`/api/v2/conversations/${id}`).set(auth).expect(200);
    expect(response.body.participants.length).toBeGreaterThan(0);
  });

  it('answers 500 naming the file when a conversation file is not JSON', async () => {
    const file = path.join(dataDir, 'conversations', conversationIds.webMessaging, 'conversation.json');
    await writeFile(file, '{ "id": ');
    const warnings: string[] = [];
    const { app } = createSandboxApp({
      dataDir,
      logger: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
    });
    const response = await request(app)
      .get(`/api/v2/conversations/${conversationIds.webMessaging}`)
      .set(auth);
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal.server.error');
    expect(response.body.message).toContain(
      `conversations/${conversationIds.webMessaging}/conversation.json`,
    );
    expect(warnings).toHaveLength(1);
  });

  it('answers 404 for a conversation whose folder lacks the endpoint’s file', async () => {
    await rm(path.join(dataDir, 'conversations', conversationIds.webMessaging, 'messages.json'));
    const { app } = createSandboxApp({ dataDir });
    await request(app)
      .post(`/api/v2/conversations/messages/${conversationIds.webMessaging}/messages/bulk`)
      .set(auth)
      .send(['x'])
      .expect(404);
    await request(app)
      .get(`/api/v2/conversations/messages/${conversationIds.webMessaging}`)
      .set(auth)
      .expect(200);
  });
});
