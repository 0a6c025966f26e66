// Shapes of the envelope files of a sandbox data folder (docs/sandbox.md). Conversation bodies are
// Platform API JSON and are passed through untouched; only these files are validated.
import { z } from 'zod';

// RFC 6750 b64token: what a client can put after "Bearer ".
const bearerToken = z
  .string()
  .regex(/^[A-Za-z0-9\-._~+/]+=*$/, 'must be a bearer token (letters, digits and -._~+/ only)');

const entityId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id of letters, digits and "-"');

export const orgFileSchema = z.object({
  id: entityId,
  name: z.string().min(1),
  thirdPartyOrgName: z.string().min(1).optional(),
  /** Username signed in by /oauth/authorize when the request names nobody. */
  defaultUser: z.string().min(1),
  /** HIPAA-style idle timeout applied to tokens issued by /oauth/token. */
  idleTimeoutSeconds: z.number().int().positive().optional(),
});

export const otherOrgsFileSchema = z.array(
  orgFileSchema.omit({ defaultUser: true, idleTimeoutSeconds: true }),
);

export const sandboxTokenSchema = z.object({
  token: bearerToken,
  /** ISO-8601 expiry, or null for a token that never expires. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  idleTimeoutSeconds: z.number().int().positive().optional(),
  /** OAuth client the token claims to come from; defaults to the first client of the user's org. */
  clientId: z.string().min(1).optional(),
});

export const userSchema = z.object({
  id: entityId,
  name: z.string().min(1),
  email: z.string().email(),
  username: z.string().min(1),
  title: z.string().optional(),
  organizationId: entityId,
  permissions: z.array(z.string().min(1)),
  /** Conversation ids this user may read, or ["*"] for every conversation of the org. */
  conversations: z.array(z.string().min(1)),
  tokens: z.array(sandboxTokenSchema).default([]),
});

export const usersFileSchema = z.array(userSchema).min(1, 'must list at least one user');

export const oauthClientSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Redirect URIs compared by exact string match, as Genesys does. */
  redirectUris: z.array(z.url()),
  scopes: z.array(z.string().min(1)),
  /** Org the client belongs to; defaults to the org of org.json. */
  organizationId: entityId.optional(),
});

export const oauthClientsFileSchema = z.array(oauthClientSchema);

export const downloadEntrySchema = z.object({
  /** Path of the bytes relative to the data folder, e.g. "downloads/photo.jpg". */
  file: z
    .string()
    .min(1)
    .refine(
      (p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
      'must be a relative path inside the folder',
    ),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, 'must be a MIME type like "image/jpeg"'),
  /** File name offered in Content-Disposition. */
  name: z.string().min(1),
});

export const downloadsFileSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'download ids are letters, digits, "_" and "-"'),
  downloadEntrySchema,
);

export type OrgFile = z.infer<typeof orgFileSchema>;
export type OtherOrg = z.infer<typeof otherOrgsFileSchema>[number];
export type SandboxToken = z.infer<typeof sandboxTokenSchema>;
export type SandboxUser = z.infer<typeof userSchema>;
/** A users.json entry as written by hand: `tokens` may be left out. */
export type SandboxUserInput = z.input<typeof userSchema>;
export type OAuthClient = z.infer<typeof oauthClientSchema>;
export type DownloadEntry = z.infer<typeof downloadEntrySchema>;
export type DownloadsFile = z.infer<typeof downloadsFileSchema>;
