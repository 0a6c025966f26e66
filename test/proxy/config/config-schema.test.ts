import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';

describe('parseConfig', () => {
  const base = { STORE_DIR: '/tmp/x' };

  it('derives a working development configuration from almost nothing', () => {
    const config = parseConfig(base);
    expect(config.genesys.regions.map((r) => r.tld)).toEqual(['mypurecloud.com']);
    expect(config.frameAncestors).toEqual(['https://apps.mypurecloud.com']);
    expect(config.detection.proxyLinkBases).toEqual(['http://127.0.0.1:8080/ref/']);
  });

  it('lists every mistake with how to fix it', () => {
    const bad = () =>
      parseConfig({ ...base, LINK_TTL_SECONDS: '700000', GENESYS_API_BASE: 'http://169.254.169.254/' });
    expect(bad).toThrow(/LINK_TTL_SECONDS must be at most 604800/);
    expect(bad).toThrow(/GENESYS_API_BASE may only point at a sandbox org on this machine/);
    expect(() => parseConfig({ ...base, GENESYS_REGIONS: 'mypurecloud.com.evil.com' })).toThrow(
      /is not a Genesys Cloud region/,
    );
    expect(() => parseConfig({ ...base, CORS_ORIGINS: '*' })).toThrow(/must be an exact origin/);
  });

  it('derives links from PUBLIC_URL, or from the listening address when it is known in advance', () => {
    expect(() => parseConfig({ ...base, PORT: '0' })).toThrow(
      /PORT=0 lets the system pick a port[^\n]*choose a fixed PORT, or set PUBLIC_URL/,
    );
    expect(parseConfig({ ...base, PORT: '0', PUBLIC_URL: 'https://viewer.example.com' }).publicUrl).toBe(
      'https://viewer.example.com',
    );
    const tls = { TLS_CERT_FILE: '/etc/viewer/cert.pem', TLS_KEY_FILE: '/etc/viewer/key.pem' };
    expect(parseConfig({ ...base, ...tls, PORT: '8443' }).publicUrl).toBe('https://127.0.0.1:8443');
    expect(parseConfig({ ...base, HOST: '0.0.0.0', PORT: '9000' }).publicUrl).toBe('http://127.0.0.1:9000');
  });

  it('insists on an organization, signing keys and a public URL in production', () => {
    expect(() => parseConfig({ ...base, NODE_ENV: 'production' })).toThrow(
      /GENESYS_ORG_ID is required[\s\S]*PUBLIC_URL is required[\s\S]*LINK_SIGNING_KEYS is required/,
    );
    expect(() => parseConfig({ ...base, LINK_SIGNING_KEYS: 'k1:short' })).toThrow(/at least 32 bytes/);
  });
});
