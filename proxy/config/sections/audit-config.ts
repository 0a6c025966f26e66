// Where the durable audit trail is written and how long it is kept.
import type { Settings } from '../settings-schema.ts';

export interface AuditConfig {
  dir: string;
  retentionDays: number;
}

export function deriveAudit(s: Settings): AuditConfig {
  return { dir: s.AUDIT_LOG_DIR, retentionDays: s.AUDIT_RETENTION_DAYS };
}
