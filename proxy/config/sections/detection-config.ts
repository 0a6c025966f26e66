// The detection rules the proxy (and, through /api/v1/config, the widget) applies: the configured
// names and markers, plus the buckets, S3 hosts and link bases the other settings imply.
import {
  type DetectionRules,
  defaultDetectionRules,
  detectionRulesSchema,
} from '../../../core/detection-rules.ts';
import { ValidationError } from '../../../core/validation-error.ts';
import { list } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

/** The rules, or undefined when they are invalid (the problems then say why). */
export function deriveDetection(
  s: Settings,
  publicUrl: string,
  problems: string[],
): DetectionRules | undefined {
  const bareKeys = s.DETECT_BARE_KEYS.startsWith('s3:')
    ? { kind: 's3' as const, bucket: s.DETECT_BARE_KEYS.slice(3) }
    : s.DETECT_BARE_KEYS === 'store'
      ? { kind: 'store' as const }
      : undefined;
  if (!bareKeys) problems.push('DETECT_BARE_KEYS must be "store" or "s3:<bucket>"');

  const rules = detectionRulesSchema.safeParse({
    attributeNames:
      s.DETECT_ATTRIBUTE_NAMES === undefined
        ? defaultDetectionRules.attributeNames
        : list(s.DETECT_ATTRIBUTE_NAMES),
    textMarkers:
      s.DETECT_TEXT_MARKERS === undefined ? defaultDetectionRules.textMarkers : list(s.DETECT_TEXT_MARKERS),
    s3Buckets: [...list(s.S3_BUCKETS), ...(s.S3_QUARANTINE_BUCKET ? [s.S3_QUARANTINE_BUCKET] : [])],
    s3Hosts: [...list(s.DETECT_S3_HOSTS), ...(s.S3_ENDPOINT ? [new URL(s.S3_ENDPOINT).host] : [])],
    proxyLinkBases: [`${publicUrl}/ref/`, ...list(s.DETECT_PROXY_LINK_BASES)],
    bareKeys: bareKeys ?? { kind: 'store' },
  });
  if (rules.success) return rules.data;
  problems.push(
    ...ValidationError.fromZod('detection rules', rules.error).issues.map((i) => `DETECT_*/S3_*: ${i}`),
  );
  return undefined;
}
