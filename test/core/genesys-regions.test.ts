// The product's region table against the Platform SDK's own (PureCloudRegionHosts): a region the SDK
// knows must be one the product accepts, with the same domain and AWS region.
import { describe, expect, it } from 'vitest';
import { genesysRegions, regionByTargetEnv, regionByTld } from '../../core/genesys-regions.ts';
import { platformClient } from '../support/platform-client.ts';

// The SDK's keys are AWS regions written with underscores (eu_west_1, eusc_de_east_1).
const sdkRegions = Object.entries(platformClient.PureCloudRegionHosts).map(([key, tld]) => ({
  awsRegion: key.replaceAll('_', '-'),
  tld,
}));

describe('region table', () => {
  it('knows every region the Platform SDK knows, with the SDK’s domain and AWS region', () => {
    expect(sdkRegions.length).toBeGreaterThanOrEqual(18);
    const missing = sdkRegions.filter(
      (r) => !genesysRegions.some((g) => g.tld === r.tld && g.awsRegion === r.awsRegion),
    );
    expect(missing, 'add these to core/genesys-regions.ts (and deploy/terraform, docs/install.md)').toEqual(
      [],
    );
  });

  it('accepts no region the SDK does not know', () => {
    expect(genesysRegions.map((r) => r.tld).sort()).toEqual(sdkRegions.map((r) => r.tld).sort());
  });

  it('includes the EU sovereign cloud, found by domain and by gcTargetEnv', () => {
    expect(regionByTld('edee1.eusc-pure.cloud')?.awsRegion).toBe('eusc-de-east-1');
    expect(regionByTargetEnv('eusc-edee1-core')?.tld).toBe('edee1.eusc-pure.cloud');
    // Exact matches only: a look-alike suffix is never a region.
    expect(regionByTld('eusc-pure.cloud')).toBeUndefined();
    expect(regionByTld('evil.edee1.eusc-pure.cloud')).toBeUndefined();
  });

  it('has one row per domain and per gcTargetEnv', () => {
    expect(new Set(genesysRegions.map((r) => r.tld)).size).toBe(genesysRegions.length);
    expect(new Set(genesysRegions.map((r) => r.targetEnv)).size).toBe(genesysRegions.length);
  });
});
