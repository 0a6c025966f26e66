/**
 * The sample org's attachments as tests and the benchmark name them: an expected reference of the
 * manifest with the id detection gives it, and the bytes of its file.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentLocation } from '../../core/attachment-ref.ts';
import { referenceId } from '../../core/reference-id.ts';
import { type ExpectedReference, expectedReferences, sampleOrgDir } from './manifest.ts';
import { generatedSampleBytes } from './sample-files.ts';

/** The expected reference of a sample file in a conversation, with the id detection gives it. */
export interface SampleAttachment extends ExpectedReference {
  id: string;
}

/**
 * The expected attachment named `fileName` in a sample conversation (from the sample manifest), with
 * its reference id computed by core. Throws unless exactly one matches.
 */
export function sampleAttachment(
  conversationId: string,
  fileName: string,
  kind?: AttachmentLocation['kind'],
): SampleAttachment {
  const matches = expectedReferences().filter(
    (r) =>
      r.conversationId === conversationId && r.fileName === fileName && (!kind || r.location.kind === kind),
  );
  const [match] = matches;
  if (!match || matches.length !== 1)
    throw new Error(`${matches.length} sample attachments named ${fileName} in ${conversationId}`);
  return { ...match, id: referenceId(conversationId, match.location) };
}

/** Every expected attachment of a sample conversation, with ids. */
export function sampleAttachments(conversationId: string): SampleAttachment[] {
  return expectedReferences()
    .filter((r) => r.conversationId === conversationId)
    .map((r) => ({ ...r, id: referenceId(conversationId, r.location) }));
}

/** The bytes of a sample file (its `bytesPath` in the sample org folder). */
export async function sampleBytes(ref: ExpectedReference): Promise<Uint8Array> {
  if (!ref.bytesPath) throw new Error(`${ref.fileName} has no bytes in the sample org`);
  return sampleObjectBytes(ref.bytesPath);
}

/**
 * The bytes of a file of the sample org folder; for a generated object, which has only its sidecar
 * there (`<path>.meta.json` naming its generator), the bytes it makes.
 */
export async function sampleObjectBytes(relativePath: string): Promise<Uint8Array> {
  const path = join(sampleOrgDir, relativePath);
  if (existsSync(path)) return new Uint8Array(await readFile(path));
  const sidecar = JSON.parse(await readFile(`${path}.meta.json`, 'utf8')) as { generated?: string };
  if (!sidecar.generated) throw new Error(`${relativePath} is missing from the sample org`);
  return generatedSampleBytes(sidecar.generated);
}
