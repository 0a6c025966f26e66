// `npm run bench` starts its proxy with these settings; one the proxy refuses stops the whole bench
// (it did once: limits above the settings' bounds).
import { expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';
import { RATE_LIMIT_MAX } from '../../../proxy/config/settings-schema.ts';
import { benchProxySettings } from '../../../scripts/bench/bench-proxy-settings.ts';

it('are settings the proxy starts with, the rate limits at their highest', () => {
  const config = parseConfig(benchProxySettings('http://127.0.0.1:9', '/tmp/av-bench-audit'));
  expect(config.rateLimit.perUserPerMinute).toBe(RATE_LIMIT_MAX.perUser);
  expect(config.rateLimit.perIpPerMinute).toBe(RATE_LIMIT_MAX.perAddress);
});
