// Writes the sample org as a sandbox data folder (layout in docs/sandbox.md). Same input, same bytes:
// test/sandbox/sample-data.test.ts regenerates it and compares with the committed sandbox/sample-org.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DownloadsFile } from '../data/org-data-schema.ts';
import { conversationViewJson } from './conversation-files-json.ts';
import { sha256Hex } from './sample-files.ts';
import { sampleOAuthClients, sampleOrg, sampleOtherOrgs, sampleUsers } from './sample-org-envelope.ts';
import { buildSampleOrgModel } from './sample-org-model.ts';
import type { ScanStatus } from './sample-storage.ts';

const scannedAt = '2026-03-12T12:30:00.000Z';
const scanEngine = 'ClamAV 1.0.7/27210';

export function writeSampleOrg(outDir: string): void {
  const model = buildSampleOrgModel();
  clearOutput(outDir);
  const json = (relative: string, value: unknown) => write(relative, `${JSON.stringify(value, null, 2)}\n`);
  const write = (relative: string, data: string | Uint8Array) => {
    const target = path.join(outDir, ...relative.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  };

  json('org.json', sampleOrg);
  json('orgs-other.json', sampleOtherOrgs);
  json('users.json', sampleUsers);
  json('oauth-clients.json', sampleOAuthClients);

  const downloads: DownloadsFile = {};
  for (const h of Object.values(model.hosted)) {
    downloads[h.downloadId] = { file: h.path, contentType: h.file.contentType, name: h.file.name };
    write(h.path, h.file.bytes);
  }
  json('downloads.json', downloads);

  for (const [relative, value] of conversationViewJson(model)) json(relative, value);

  for (const o of Object.values(model.store)) {
    write(`store/${o.key}`, o.file.bytes);
    json(`store/${o.key}.scan.json`, scanSidecar(o.status));
  }
  for (const o of model.buckets) {
    // A generated object is described, not written: whoever loads the bucket makes its bytes.
    if (!o.file.generated) write(`s3/${o.bucket}/${o.key}`, o.file.bytes);
    json(`s3/${o.bucket}/${o.key}.meta.json`, {
      contentType: o.file.contentType,
      metadata: { 'av-status': o.status },
      ...(o.file.generated
        ? { generated: o.file.generated, size: o.file.bytes.length, sha256: sha256Hex(o.file.bytes) }
        : {}),
    });
  }
}

function scanSidecar(status: ScanStatus) {
  return status === 'pending' ? { status } : { status, scannedAt, engine: scanEngine };
}

// Refuses to wipe a folder that does not look like a sandbox data folder: a wrong path must not cost files.
function clearOutput(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(path.join(outDir, 'org.json'))) {
    throw new Error(`${outDir} is not empty and has no org.json: refusing to replace it`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
}
