// Where conversions run, behind one small interface: in this process's converter pool
// (local-converter.ts, the embedded default) or on converter workers that consume a BullMQ queue in
// the replicas' Redis (queued-converter.ts, CONVERTER_MODE=queue). configured-renditions.ts chooses.
// Either way the rendition ends in the configured rendition store under `key`.
import type { ConverterName, JobPlan } from '../../core/renditions.ts';
import type { Original } from './converter-pool.ts';

export interface ConversionRequest {
  /** The rendition's key in the store (and the queued job's id): the same job never runs twice at once. */
  key: string;
  plan: JobPlan;
  /** The original, received and hashed into a job folder of this process. */
  original: Original;
  /** The request asking: in the audit trail, only the request whose job converted says `converted`. */
  requestId: string;
}

export interface Conversion {
  /** Where the rendition was stored (a worker with another converter version stores it under its own key). */
  key: string;
  /** Whether this request's job made it (false: another request's job, or it was stored already). */
  converted: boolean;
}

export interface RenditionConverter {
  /** Starts what the converter needs (the queue's connections; nothing for the local pool). */
  init(): Promise<void>;
  /** The version of a converter renditions are made with here, or undefined when none can run it. */
  version(converter: ConverterName): string | undefined;
  /** Makes rendition `key` of the original and stores it; rejects with a ConversionError when it cannot. */
  convert(request: ConversionRequest): Promise<Conversion>;
  close(): Promise<void>;
}
