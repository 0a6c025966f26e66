// Reads and checks the envelope files of a data folder once, at start-up, so a mistake in a
// hand-edited file is reported by file and field instead of surfacing as a puzzling 500 later.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  type DownloadsFile,
  downloadsFileSchema,
  type OAuthClient,
  type OrgFile,
  type OtherOrg,
  oauthClientsFileSchema,
  orgFileSchema,
  otherOrgsFileSchema,
  type SandboxUser,
  usersFileSchema,
} from './org-data-schema.ts';

export interface OrgData {
  dataDir: string;
  org: OrgFile;
  otherOrgs: OtherOrg[];
  users: SandboxUser[];
  oauthClients: OAuthClient[];
  downloads: DownloadsFile;
}

/** A data folder that cannot be used; the message names the file and the field. */
export class SandboxDataError extends Error {
  override name = 'SandboxDataError';
}

export function loadOrgData(dataDir: string): OrgData {
  const root = path.resolve(dataDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SandboxDataError(
      `${root}: not a folder (the sandbox needs a data folder, see docs/sandbox.md)`,
    );
  }
  const org = readEnvelope(root, 'org.json', orgFileSchema, 'required');
  const otherOrgs = readEnvelope(root, 'orgs-other.json', otherOrgsFileSchema, 'optional') ?? [];
  const users = readEnvelope(root, 'users.json', usersFileSchema, 'required');
  const oauthClients = readEnvelope(root, 'oauth-clients.json', oauthClientsFileSchema, 'optional') ?? [];
  const downloads = readEnvelope(root, 'downloads.json', downloadsFileSchema, 'optional') ?? {};
  const data = { dataDir: root, org, otherOrgs, users, oauthClients, downloads };
  checkReferences(data);
  return data;
}

function readEnvelope<S extends z.ZodType>(
  root: string,
  fileName: string,
  schema: S,
  presence: 'required',
): z.infer<S>;
function readEnvelope<S extends z.ZodType>(
  root: string,
  fileName: string,
  schema: S,
  presence: 'optional',
): z.infer<S> | undefined;
function readEnvelope<S extends z.ZodType>(
  root: string,
  fileName: string,
  schema: S,
  presence: 'required' | 'optional',
): z.infer<S> | undefined {
  const file = path.join(root, fileName);
  if (!existsSync(file)) {
    if (presence === 'optional') return undefined;
    throw new SandboxDataError(`${fileName}: missing from ${root}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SandboxDataError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
    throw new SandboxDataError(`${fileName}: ${problems.join('; ')}`);
  }
  return result.data;
}

function fieldPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return '(top level)';
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

function checkReferences(data: OrgData): void {
  const orgIds = new Set([data.org.id, ...data.otherOrgs.map((o) => o.id)]);
  const usernames = new Set<string>();
  const tokens = new Set<string>();
  const clientIds = new Set(data.oauthClients.map((c) => c.id));
  data.users.forEach((user, i) => {
    if (!orgIds.has(user.organizationId)) {
      throw new SandboxDataError(
        `users.json: [${i}].organizationId: "${user.organizationId}" is neither org.json's id nor in orgs-other.json`,
      );
    }
    if (usernames.has(user.username)) {
      throw new SandboxDataError(`users.json: [${i}].username: "${user.username}" appears twice`);
    }
    usernames.add(user.username);
    user.tokens.forEach((t, j) => {
      if (tokens.has(t.token))
        throw new SandboxDataError(`users.json: [${i}].tokens[${j}].token: appears twice`);
      tokens.add(t.token);
      if (t.clientId !== undefined && !clientIds.has(t.clientId)) {
        throw new SandboxDataError(
          `users.json: [${i}].tokens[${j}].clientId: "${t.clientId}" is not in oauth-clients.json`,
        );
      }
    });
  });
  if (!usernames.has(data.org.defaultUser)) {
    throw new SandboxDataError(
      `org.json: defaultUser: "${data.org.defaultUser}" is not a username in users.json`,
    );
  }
  data.oauthClients.forEach((client, i) => {
    if (client.organizationId !== undefined && !orgIds.has(client.organizationId)) {
      throw new SandboxDataError(
        `oauth-clients.json: [${i}].organizationId: "${client.organizationId}" is unknown`,
      );
    }
  });
  for (const [downloadId, entry] of Object.entries(data.downloads)) {
    if (!existsSync(path.join(data.dataDir, entry.file))) {
      throw new SandboxDataError(`downloads.json: ${downloadId}.file: "${entry.file}" does not exist`);
    }
  }
}
