// Renditions (docs/renditions.md): where they are kept and how long, and the limits every converter
// process runs under. Off unless RENDITIONS_DIR names a folder: a rendition is customer data, kept
// only where the admin says.
import { availableParallelism } from 'node:os';
import type { Settings } from '../settings-schema.ts';

export interface RenditionConfig {
  dir: string;
  ttlHours: number;
  /** Converter processes at a time, and jobs that may wait for one. */
  concurrency: number;
  maxWaiting: number;
  timeoutSeconds: number;
  memoryMb: number;
  maxSourceMb: number;
  maxOutputMb: number;
  /** `required`: no converter runs unless it can be given no network (the default). */
  networkIsolation: 'required' | 'off';
}

export function deriveRenditions(s: Settings): RenditionConfig | undefined {
  if (!s.RENDITIONS_DIR) return undefined;
  return {
    dir: s.RENDITIONS_DIR,
    ttlHours: s.RENDITION_TTL_HOURS,
    concurrency: s.CONVERTER_CONCURRENCY ?? Math.max(1, availableParallelism() - 1),
    maxWaiting: s.CONVERTER_QUEUE,
    timeoutSeconds: s.CONVERTER_TIMEOUT_SECONDS,
    memoryMb: s.CONVERTER_MEMORY_MB,
    maxSourceMb: s.CONVERTER_MAX_SOURCE_MB,
    maxOutputMb: s.CONVERTER_MAX_OUTPUT_MB,
    networkIsolation: s.CONVERTER_NETWORK_ISOLATION,
  };
}
