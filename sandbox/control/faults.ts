// Faults a test can switch on per endpoint: the statuses Genesys answers with under load or
// failure, a request that never answers, a body that trickles in, and a 200 whose JSON is broken.
import { z } from 'zod';
import { type EndpointName, endpointNames, isEndpointName } from './endpoint-names.ts';

export const faultStatuses = [401, 403, 404, 429, 500, 502, 503] as const;
export type FaultStatus = (typeof faultStatuses)[number];

const statusFault = z
  .strictObject({
    status: z.union(faultStatuses.map((s) => z.literal(s))),
    /** Seconds for Retry-After; 429 always carries one (default 1). */
    retryAfter: z.number().int().min(0).max(86_400).optional(),
    /**
     * With 403: answer `missing.permissions` naming this permission, as Genesys does for a role that
     * lacks it (e.g. `conversation:message:view` on messages.bulk), instead of `not.authorized`.
     */
    missingPermission: z
      .string()
      .regex(/^[A-Za-z]+:[A-Za-z]+:[A-Za-z]+$/, 'must be a permission such as "conversation:message:view"')
      .optional(),
  })
  .refine((f) => f.missingPermission === undefined || f.status === 403, {
    message: 'missingPermission goes with status 403',
    path: ['missingPermission'],
  });
const hangFault = z.strictObject({ hang: z.literal(true) });
const slowBodyFault = z.strictObject({ slowBodyMs: z.number().int().min(1).max(600_000) });
const malformedFault = z.strictObject({ malformed: z.literal(true) });
/**
 * `recordings` only: 202 Accepted with no body for the next `accepted` calls (the transcripts are being
 * prepared), then the normal answer.
 */
const acceptedFault = z.strictObject({ accepted: z.number().int().min(1).max(1_000) });
/**
 * `recordings` only: the recordings as Genesys returns one it cannot give out: `recordingErrorStatus`
 * set (e.g. EMAIL_TRANSCRIPT_TOO_LARGE) and/or a `fileState` such as ARCHIVED, transcripts left out.
 */
const recordingStateFault = z
  .strictObject({
    recordingErrorStatus: z
      .string()
      .regex(/^[A-Z][A-Z_]{0,63}$/, 'an enum value like EMAIL_TRANSCRIPT_TOO_LARGE')
      .optional(),
    fileState: z.enum(['ARCHIVED', 'DELETED', 'RESTORING', 'UPLOADING', 'ERROR']).optional(),
  })
  .refine((f) => f.recordingErrorStatus !== undefined || f.fileState !== undefined, {
    message: 'give recordingErrorStatus or fileState',
  });

export const faultSchema = z.union([
  statusFault,
  hangFault,
  slowBodyFault,
  malformedFault,
  acceptedFault,
  recordingStateFault,
]);
export type AcceptedFault = z.infer<typeof acceptedFault>;
export type RecordingStateFault = z.infer<typeof recordingStateFault>;
/** Faults that change what an endpoint answers rather than whether it does; the route plays them. */
export type AnswerFault = AcceptedFault | RecordingStateFault;

export function isAnswerFault(fault: Fault): fault is AnswerFault {
  return 'accepted' in fault || 'recordingErrorStatus' in fault || 'fileState' in fault;
}
export type Fault = z.infer<typeof faultSchema>;

export type FaultTarget = EndpointName | '*';
export type FaultTableEntries = Partial<Record<FaultTarget, Fault>>;

export const faultTableSchema = z.record(z.string(), faultSchema).superRefine((table, ctx) => {
  for (const key of Object.keys(table)) {
    if (key !== '*' && !isEndpointName(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown endpoint "${key}"; use "*" or one of ${endpointNames.join(', ')}`,
      });
    }
  }
});

export class FaultTable {
  #faults = new Map<FaultTarget, Fault>();

  set(target: FaultTarget, fault: Fault): void {
    this.#faults.set(target, faultSchema.parse(fault));
  }

  clear(target?: FaultTarget): void {
    if (target === undefined) this.#faults.clear();
    else this.#faults.delete(target);
  }

  /** The endpoint's own fault wins over the "*" fault. */
  forEndpoint(endpoint: EndpointName): Fault | undefined {
    return this.#faults.get(endpoint) ?? this.#faults.get('*');
  }

  /** Spends one 202 of an `accepted` fault; the fault is cleared with its last one. */
  takeAccepted(endpoint: EndpointName): boolean {
    const target = this.#faults.has(endpoint) ? endpoint : '*';
    const fault = this.#faults.get(target);
    if (fault === undefined || !('accepted' in fault)) return false;
    if (fault.accepted <= 1) this.#faults.delete(target);
    else this.#faults.set(target, { accepted: fault.accepted - 1 });
    return true;
  }

  snapshot(): FaultTableEntries {
    return Object.fromEntries(this.#faults);
  }
}
