import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/local-stack/free-port.ts';
import { conversationIds, type Stack, startStack } from '../../scripts/local-stack/stack.ts';

describe('operational metrics', () => {
  let stack: Stack;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    stack = await startStack({ proxyOverrides: { METRICS_PORT: String(metricsPort) } });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function scrape(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  }

  it('counts refusals by code and upstream failures by kind, on a private listener', async () => {
    await stack.request('/api/v1/session', { token: 'not-a-real-token' });
    stack.control.setFault('conversations.get', { status: 500 });
    await stack.request(`/api/v1/conversations/${conversationIds.email}/attachments`, {
      token: stack.tokens.alice,
    });
    stack.control.clearFaults();
    const text = await scrape();
    expect(text).toMatch(/attachment_viewer_responses_total\{status="401",code="unauthenticated"\} 1/);
    expect(text).toMatch(/attachment_viewer_responses_total\{status="503",code="upstream_unavailable"\} 1/);
    expect(text).toMatch(
      /attachment_viewer_upstream_calls_total\{endpoint="conversations.get",outcome="unavailable"\} 1/,
    );
    expect(text).toMatch(/attachment_viewer_audit_write_failures_total 0/);
  });

  it('keeps metrics off the public port', async () => {
    expect((await stack.request('/metrics')).status).toBe(404);
  });
});
