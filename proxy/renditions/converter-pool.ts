// At most N converter processes at a time, each job in a folder of its own that is removed however
// the job ends, even when this process dies mid-job (job-reaper.ts; docs/security.md, "Renditions").
// The original is streamed into the job folder with a size limit and hashed on the way. A pool with
// no converters only does that: a proxy whose conversions are queued receives and hashes originals.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pLimit from 'p-limit';
import type { ConverterName, JobPlan } from '../../core/renditions.ts';
import { runSandboxed, type SandboxLimits } from './converter-sandbox.ts';
import { converterJob, jobLeftovers, PART_REFUSED_EXIT, prepareJob } from './converters.ts';
import { JobReaper, type ReapedJob } from './job-reaper.ts';
import { withoutExif } from './jpeg-exif.ts';

export interface ConverterPoolOptions {
  /** Where job folders are made (each removed when its job ends). */
  workDir: string;
  concurrency: number;
  /** Jobs that may wait for a free converter; more are refused at once (busy), not queued forever. */
  maxWaiting: number;
  limits: SandboxLimits;
  isolateNetwork: boolean;
  /** The largest original converted. */
  maxSourceBytes: number;
  /** The converters this machine has, with their versions. */
  converters: ReadonlyMap<ConverterName, string>;
}

/**
 * Why a conversion did not give a rendition: the document's fault (too large, failed, timed out), no
 * free converter (busy), none that can make it (unavailable), or, with a queue, no answer in time
 * (not-finished) or trouble on the way there and back (unreachable). A part the document worker
 * would not extract is `refused`, with the reason (core/rendition-documents.ts PartRefusal) as message.
 */
export type ConversionFailure =
  | 'too-large'
  | 'failed'
  | 'timed-out'
  | 'busy'
  | 'unavailable'
  | 'not-finished'
  | 'unreachable'
  | 'refused';

export class ConversionError extends Error {
  constructor(
    readonly failure: ConversionFailure,
    message: string,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

export interface Converted {
  /** The rendition in the job folder: valid only until the job's `use` settles. */
  path: string;
  size: number;
  /** For a part: its facts (name, declared type), a JSON file beside it in the job folder. */
  facts?: string;
}

/** An original received into a job folder. */
export interface Original {
  /** SHA-256 of its bytes (hex). */
  hash: string;
  /** The file in the job folder (removed when the job ends). */
  path: string;
  /** Runs the converter on it (waiting for a free slot); the rendition is in the job folder. */
  convert(): Promise<Converted>;
}

/**
 * Which converters a job waits for. `view`: an agent opened the file and waits for it. `thumbnail`:
 * the list wants a small picture; those jobs have one converter of their own, so that a list full of
 * documents (or one zip bomb in it) never queues in front of a file an agent opened.
 */
export type ConversionLane = 'view' | 'thumbnail';

export class ConverterPool {
  private readonly limit;
  private readonly thumbnails = pLimit(1);
  private readonly reaper = new JobReaper();

  constructor(private readonly options: ConverterPoolOptions) {
    this.limit = pLimit(options.concurrency);
  }

  /** The converter's name and version (part of the cache key), or undefined when it is not installed. */
  version(converter: ConverterName): string | undefined {
    return this.options.converters.get(converter);
  }

  /** Every converter this pool has, with its version. */
  versions(): ReadonlyMap<ConverterName, string> {
    return this.options.converters;
  }

  get running(): number {
    return this.limit.activeCount + this.thumbnails.activeCount;
  }

  get waiting(): number {
    return this.limit.pendingCount + this.thumbnails.pendingCount;
  }

  /**
   * Reads the original from `source` into a fresh job folder and hashes it, then calls `use` with it
   * (for the `thumbnail` lane, once its converter is free).
   * `use` decides whether to convert at all (a stored rendition) and copies out what it keeps: the
   * folder is removed when `use` settles, however it ends.
   */
  async withOriginal<T>(
    plan: JobPlan,
    source: Readable,
    use: (original: Original) => Promise<T>,
    lane: ConversionLane = 'view',
  ): Promise<T> {
    const limit = lane === 'thumbnail' ? this.thumbnails : this.limit;
    if (limit.pendingCount >= this.options.maxWaiting) {
      source.destroy();
      throw new ConversionError('busy', 'every converter is busy');
    }
    const jobDir = await mkdtemp(join(this.options.workDir, 'job-'));
    const reaped = this.reaper.job();
    for (const path of [jobDir, ...jobLeftovers(jobDir, plan)]) reaped.path(path);
    try {
      const input = await prepareJob(jobDir, plan);
      const hash = await this.receive(source, input);
      const run = () => this.run(jobDir, input, plan, reaped);
      if (lane === 'view') return await use({ hash, path: input, convert: () => limit(run) });
      // A thumbnail's whole use waits for its converter, not only the conversion: `use` looks for the
      // rendition and joins other requests' conversions of the same bytes (local-converter.ts), and
      // a file an agent opens meanwhile must not join a conversion still waiting here.
      return await limit(() => use({ hash, path: input, convert: run }));
    } finally {
      source.destroy();
      await Promise.all(jobLeftovers(jobDir, plan).map((path) => rm(path, { force: true })));
      await rm(jobDir, { recursive: true, force: true, maxRetries: 3 });
      reaped.done();
    }
  }

  /** Stops the reaper (with no job open it has nothing to clean). */
  close(): void {
    this.reaper.close();
  }

  private async run(jobDir: string, input: string, plan: JobPlan, reaped: ReapedJob): Promise<Converted> {
    const job = converterJob(jobDir, input, plan, { maxPartBytes: this.options.maxSourceBytes });
    const result = await runSandboxed(job.command, job.args, {
      jobDir,
      limits: this.options.limits,
      isolateNetwork: this.options.isolateNetwork,
      onStart: (group) => reaped.group(group),
    });
    if (result.timedOut)
      throw new ConversionError('timed-out', `${job.command} passed its time limit`, result.output);
    if (plan.name === 'part' && result.exitCode === PART_REFUSED_EXIT) {
      const reason = /refused: ([a-z-]+)\s*$/.exec(result.output)?.[1] ?? 'failed';
      throw new ConversionError('refused', reason, result.output);
    }
    const size = await stat(job.output).then(
      (s) => s.size,
      () => 0,
    );
    // LibreOffice exits 0 when it could not read the document; only an output file means success.
    if (result.exitCode !== 0 || size === 0)
      throw new ConversionError(
        'failed',
        `${job.command} exited ${result.exitCode ?? result.signal} without a rendition`,
        result.output,
      );
    // Thumbnails are made without metadata; the check costs nothing and keeps a camera's GPS out
    // should a converter ever copy it.
    if (plan.name === 'jpeg' || plan.name === 'thumbnail') {
      const upright = withoutExif(new Uint8Array(await readFile(job.output)));
      await writeFile(job.output, upright);
      return { path: job.output, size: upright.length };
    }
    return { path: job.output, size, ...(job.facts ? { facts: job.facts } : {}) };
  }

  /** Streams the original to `path`, refusing it past maxSourceBytes; returns its SHA-256 (hex). */
  private async receive(source: Readable, path: string): Promise<string> {
    const hash = createHash('sha256');
    let bytes = 0;
    const max = this.options.maxSourceBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > max) return done(new ConversionError('too-large', `the original is over ${max} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
    return hash.digest('hex');
  }
}
