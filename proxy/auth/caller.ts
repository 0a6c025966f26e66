// Who is asking, as authentication established it. Built once per request and passed whole: the
// link service authorizes with it, the audit trail names it, and a backend that reads Genesys on
// the agent's behalf (downloads) uses its token and regional client.
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import type { GenesysClient } from '../genesys/genesys-client.ts';
import type { Principal } from './token-verifier.ts';

export interface Caller {
  principal: Principal;
  /** The agent's own bearer token: every Genesys read on their behalf is made with it. */
  token: string;
  region: GenesysRegion;
  /** The Genesys client of the caller's region. */
  client: GenesysClient;
  requestId: string;
}
