// The Genesys Cloud regions this product accepts (docs/genesys-platform.md §5). Hosts are only ever built
// from this table, never from request input. It follows the Platform SDK's own table
// (PureCloudRegionHosts, AWS region → domain): test/core/genesys-regions.test.ts fails when the SDK
// knows a region this table lacks, or names another domain or AWS region for one.

export interface GenesysRegion {
  /** Top-level domain of the region: `api.<tld>`, `login.<tld>`, `apps.<tld>`. */
  tld: string;
  /** The value Genesys substitutes for `{{gcTargetEnv}}`. */
  targetEnv: string;
  awsRegion: string;
}

export const genesysRegions: readonly GenesysRegion[] = [
  { tld: 'mypurecloud.com', targetEnv: 'prod', awsRegion: 'us-east-1' },
  { tld: 'use2.us-gov-pure.cloud', targetEnv: 'fedramp-use2-core', awsRegion: 'us-east-2' },
  { tld: 'usw2.pure.cloud', targetEnv: 'prod-usw2', awsRegion: 'us-west-2' },
  { tld: 'cac1.pure.cloud', targetEnv: 'prod-cac1', awsRegion: 'ca-central-1' },
  { tld: 'sae1.pure.cloud', targetEnv: 'prod-sae1', awsRegion: 'sa-east-1' },
  { tld: 'mxc1.pure.cloud', targetEnv: 'prod-mxc1', awsRegion: 'mx-central-1' },
  { tld: 'mypurecloud.ie', targetEnv: 'prod-euw1', awsRegion: 'eu-west-1' },
  { tld: 'euw2.pure.cloud', targetEnv: 'prod-euw2', awsRegion: 'eu-west-2' },
  { tld: 'mypurecloud.de', targetEnv: 'prod-euc1', awsRegion: 'eu-central-1' },
  { tld: 'euc2.pure.cloud', targetEnv: 'prod-euc2', awsRegion: 'eu-central-2' },
  // EU sovereign cloud. Its gcTargetEnv is Genesys's deployment name (as `fedramp-use2-core`), not yet
  // in the Client App SDK's list; unverified (docs/genesys-platform.md §5).
  { tld: 'edee1.eusc-pure.cloud', targetEnv: 'eusc-edee1-core', awsRegion: 'eusc-de-east-1' },
  { tld: 'mec1.pure.cloud', targetEnv: 'prod-mec1', awsRegion: 'me-central-1' },
  { tld: 'aps1.pure.cloud', targetEnv: 'prod-aps1', awsRegion: 'ap-south-1' },
  { tld: 'apse1.pure.cloud', targetEnv: 'prod-apse1', awsRegion: 'ap-southeast-1' },
  { tld: 'mypurecloud.com.au', targetEnv: 'prod-apse2', awsRegion: 'ap-southeast-2' },
  { tld: 'mypurecloud.jp', targetEnv: 'prod-apne1', awsRegion: 'ap-northeast-1' },
  { tld: 'apne2.pure.cloud', targetEnv: 'prod-apne2', awsRegion: 'ap-northeast-2' },
  { tld: 'apne3.pure.cloud', targetEnv: 'prod-apne3', awsRegion: 'ap-northeast-3' },
];

/** Exact lookup by TLD (e.g. `mypurecloud.ie`). Suffix or substring matches are never accepted. */
export function regionByTld(tld: string): GenesysRegion | undefined {
  return genesysRegions.find((r) => r.tld === tld);
}

/** Exact lookup by `gcTargetEnv` (e.g. `prod-euw2`). */
export function regionByTargetEnv(env: string): GenesysRegion | undefined {
  return genesysRegions.find((r) => r.targetEnv === env);
}

/** True for `api.<tld>` and `api-downloads.<tld>` of a known region: the hosts of Genesys-hosted files. */
export function isGenesysDownloadHost(host: string): boolean {
  return genesysRegions.some((r) => host === `api.${r.tld}` || host === `api-downloads.${r.tld}`);
}
