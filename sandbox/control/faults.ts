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

export const faultSchema = z.union([statusFault, hangFault, slowBodyFault, malformedFault]);
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

  snapshot(): FaultTableEntries {
    return Object.fromEntries(this.#faults);
  }
}
