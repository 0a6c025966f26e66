// `npm run doctor -- --token` names what the token's user may not do, from users/me?expand=authorization
// of the sandbox org (the stack without Swift or Redis: only the Genesys findings are asserted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOAuthClientId } from '../../sandbox/sample-data/manifest.ts';
import { checkPermissions } from '../../scripts/doctor/check-permissions.ts';
import type { Finding } from '../../scripts/doctor/finding.ts';
import { runDoctor } from '../../scripts/doctor/run-doctor.ts';
import { type Stack, startStack } from '../../scripts/local-stack/stack.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ proxyOverrides: { GENESYS_OAUTH_CLIENT_ID: sampleOAuthClientId } });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function genesysFindings(token: string): Promise<Map<string, Finding>> {
  const report = await runDoctor({ env: { ...stack.settings }, token, timeoutMs: 3_000 });
  return new Map(report.findings.filter((f) => f.id.startsWith('genesys.')).map((f) => [f.id, f]));
}

describe('doctor: the permissions of the token’s user', () => {
  it('passes an agent whose role grants every permission the widget needs', async () => {
    const findings = await genesysFindings(stack.tokens.alice);
    expect(findings.get('genesys.permissions')).toMatchObject({ status: 'pass' });
    expect(findings.get('genesys.permissions')?.detail).toContain(
      'cannot list interactions in the review app',
    );
  });

  it('warns about an agent without messaging view, naming both permissions that would do', async () => {
    const permissions = (await genesysFindings(stack.tokens.carol)).get('genesys.permissions');
    expect(permissions?.status).toBe('warn');
    expect(permissions?.detail).toContain(
      'Carol Agent lacks conversation:message:view or conversation:webmessaging:view',
    );
    expect(permissions?.detail).toContain('lacks recording:recording:view or');
    expect(permissions?.fix).toContain('conversation:message:view');
  });

  it('fails a user whose role grants nothing: the widget would list nothing', async () => {
    const permissions = (await genesysFindings(stack.tokens.devon)).get('genesys.permissions');
    expect(permissions?.status).toBe('fail');
    expect(permissions?.detail).toContain('Devon Trainee lacks conversation:communication:view');
  });

  it('says the QA reviewer can use the review list', async () => {
    const permissions = (await genesysFindings(stack.tokens.quinn)).get('genesys.permissions');
    expect(permissions).toMatchObject({ status: 'pass' });
    expect(permissions?.detail).toContain('can list interactions in the review app');
  });

  it('skips the check without a token, and warns when Genesys sends no permissions at all', async () => {
    const report = await runDoctor({ env: { ...stack.settings }, timeoutMs: 3_000 });
    expect(report.findings.find((f) => f.id === 'genesys.permissions')?.status).toBe('skip');
    expect(checkPermissions('Someone', undefined).status).toBe('warn');
  });
});
