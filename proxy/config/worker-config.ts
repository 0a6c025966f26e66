// A converter worker's configuration (`npm run worker`, proxy/worker.ts): the same settings as the
// proxies' (one CONFIG_FILE may serve both), of which a worker needs only the renditions, the queue's
// Redis and rendition storage. It needs no Genesys settings, signing keys or attachment storage, and
// should be given none: it opens customers' documents, so it holds as few secrets as it can.
import { ValidationError } from '../../core/validation-error.ts';
import { deriveRenditions, type RenditionConfig } from './sections/rendition-config.ts';
import { type Settings, settingsSchema } from './settings-schema.ts';

export interface WorkerConfig {
  renditions: RenditionConfig & { converters: Extract<RenditionConfig['converters'], { kind: 'queue' }> };
  logLevel: Settings['LOG_LEVEL'];
}

/** Validates a worker's settings. Throws a ValidationError listing every problem with how to fix it. */
export function parseWorkerConfig(input: Record<string, string | undefined>): WorkerConfig {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod('worker configuration', parsed.error);
  const s = parsed.data;
  const problems: string[] = [];
  if (!!s.S3_ACCESS_KEY_ID !== !!s.S3_SECRET_ACCESS_KEY)
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the AWS default chain)',
    );
  const renditions = deriveRenditions(s, problems);
  if (!renditions)
    problems.push(
      'RENDITIONS_DIR: name the folder converter jobs work in (with RENDITION_STORAGE=local, the folder the proxies keep renditions in: a volume they share)',
    );
  else if (renditions.converters.kind !== 'queue')
    problems.push(
      'a worker converts the jobs proxies put on the queue: set CONVERTER_MODE=queue and REDIS_URL here and on the proxies',
    );
  if (problems.length > 0 || !renditions || renditions.converters.kind !== 'queue')
    throw new ValidationError('worker configuration', problems);
  return { renditions: { ...renditions, converters: renditions.converters }, logLevel: s.LOG_LEVEL };
}
