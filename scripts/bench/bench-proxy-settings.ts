// The proxy `npm run bench` measures: the sample org's settings, a signing key of its own, and the
// rate limits lifted as high as the settings allow, since the benchmark is one agent sending
// thousands of links a second. Its own file so a test can check the proxy accepts them.
import { randomBytes } from 'node:crypto';
import { RATE_LIMIT_MAX } from '../../proxy/config/settings-schema.ts';
import { sampleProxySettings } from '../../sandbox/sample-data/manifest.ts';

export function benchProxySettings(sandboxUrl: string, auditDir: string): Record<string, string> {
  return {
    ...sampleProxySettings(sandboxUrl),
    LINK_SIGNING_KEYS: `bench:${randomBytes(32).toString('base64url')}`,
    AUDIT_LOG_DIR: auditDir,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_MAX.perUser),
    RATE_LIMIT_IP_PER_MINUTE: String(RATE_LIMIT_MAX.perAddress),
  };
}
