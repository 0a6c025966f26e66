// DELETE /__sandbox/tokens signs every browser session out: issued tokens stop working, the static
// ones of users.json keep working (the demo desktop's user chooser relies on it, issue 16).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleOrgDir, sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});

afterAll(async () => {
  await sandbox.close();
});

const usersMe = (token: string) =>
  fetch(`${sandbox.url}/api/v2/users/me`, { headers: { authorization: `Bearer ${token}` } }).then(
    async (r) => {
      await r.body?.cancel();
      return r.status;
    },
  );

it('revokes the issued tokens of every user and keeps the static ones', async () => {
  const issued = [sandbox.control.issueToken('alice'), sandbox.control.issueToken('quinn')];
  for (const token of issued) expect(await usersMe(token)).toBe(200);

  const response = await fetch(`${sandbox.url}/__sandbox/tokens`, { method: 'DELETE' });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ revoked: 2 });

  for (const token of issued) expect(await usersMe(token)).toBe(401);
  expect(await usersMe(sandboxTokens.alice)).toBe(200);
  expect(await usersMe(sandboxTokens.quinn)).toBe(200);
});
