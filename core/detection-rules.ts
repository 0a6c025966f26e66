// The configurable part of detection. The proxy validates these at startup and sends them to the
// widget, so both run detection with identical rules.
import { z } from 'zod';
import { withoutUndefined } from './json-access.ts';
import { ValidationError } from './validation-error.ts';

const hostPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;
const host = z
  .string()
  .toLowerCase()
  .regex(hostPattern, 'must be a bare host name with an optional port, like "s3.eu-west-1.amazonaws.com"');

// S3 bucket naming rules (also what AWS enforces): 3-63 chars, lower case, digits, dots and hyphens.
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lower-case characters)');

const linkBase = z
  .string()
  .url('must be an absolute URL like "https://viewer.example.com/ref/"')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .refine((u) => u.endsWith('/'), 'must end with "/" (the key follows it)')
  .refine((u) => !u.includes('?') && !u.includes('#'), 'must not contain a query or fragment');

const markerName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{1,63}$/,
    'must be a word such as "S3_FILE_UPLOADED" (letters, digits, _ and -)',
  );

const attributeName = z.string().min(1).max(200);

export const detectionRulesSchema = z.object({
  /** Keys of `normalizedMessage.metadata` and participant `attributes` whose values reference files. */
  attributeNames: z.array(attributeName).max(100),
  /** Words that mark an uploaded file in message text: `MARKER:<key>` or `MARKER=<key>`. */
  textMarkers: z.array(markerName).max(50),
  /** Buckets whose S3 URLs are this deployment's storage. URLs to other buckets are external. */
  s3Buckets: z.array(bucketName).max(50),
  /**
   * Hosts that serve path-style S3 URLs (`https://<host>/<bucket>/<key>`) besides AWS's own
   * `s3.amazonaws.com` / `s3.<region>.amazonaws.com`, e.g. an S3-compatible endpoint.
   */
  s3Hosts: z.array(host).max(50),
  /** Prefixes of this product's stable links: `<base><key>`. */
  proxyLinkBases: z.array(linkBase).max(20),
  /** Where a bare key (found in metadata, an attribute or a marker) lives. */
  bareKeys: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('store') }),
    z.object({ kind: z.literal('s3'), bucket: bucketName }),
  ]),
});

export type DetectionRules = z.infer<typeof detectionRulesSchema>;

/** Defaults that recognise every reference format the integration guides describe. */
export const defaultDetectionRules: DetectionRules = {
  attributeNames: [
    'attachmentKey',
    'attachmentKeys',
    'attachmentUrl',
    'fileId',
    'fileGuid',
    'fileKey',
    'fileUrl',
    's3Key',
    'S3_FILE_KEY',
  ],
  textMarkers: ['S3_FILE_UPLOADED'],
  s3Buckets: [],
  s3Hosts: [],
  proxyLinkBases: [],
  bareKeys: { kind: 'store' },
};

/** Validates rules, filling what is missing from the defaults. Throws a ValidationError naming each bad field. */
export function parseDetectionRules(input: unknown): DetectionRules {
  const partial = detectionRulesSchema
    .strict()
    .partial()
    .safeParse(input ?? {});
  if (!partial.success) throw ValidationError.fromZod('detection rules', partial.error);
  return { ...defaultDetectionRules, ...withoutUndefined(partial.data) };
}
