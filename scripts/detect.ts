// `npm run detect -- <file-or-folder>...`: prints the attachment references detection finds in
// Platform API responses (conversation, messages, email, recordings), so an admin can debug an
// integration without deploying anything.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AttachmentRef } from '../core/attachment-ref.ts';
import { classifyResponse, type ResponseShape } from '../core/classify-response.ts';
import { type ConversationData, detectAttachments } from '../core/detect.ts';
import { type DetectionRules, parseDetectionRules } from '../core/detection-rules.ts';
import { canonicalLocation } from '../core/reference-id.ts';

const usage = `Usage: npm run detect -- [--table] [--rules rules.json] <file-or-folder>...

Reads JSON responses of GET /api/v2/conversations/{id}, GET /api/v2/conversations/messages/{id},
POST .../messages/bulk, the email message endpoints and GET /api/v2/conversations/{id}/recordings,
groups them by conversation and prints every attachment reference found (JSON, or a table).`;

interface ConversationReport {
  conversationId: string;
  files: { path: string; shape: ResponseShape }[];
  attachments: AttachmentRef[];
}

export async function detectFromPaths(paths: string[], rules: DetectionRules): Promise<ConversationReport[]> {
  const groups = new Map<string, { data: ConversationData; files: ConversationReport['files'] }>();
  for (const path of await jsonFiles(paths)) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
    }
    const classified = classifyResponse(doc);
    const conversationId = classified.conversationId ?? basename(dirname(path));
    const group = groups.get(conversationId) ?? { data: { conversationId }, files: [] };
    groups.set(conversationId, group);
    group.files.push({ path, shape: classified.shape });
    const { conversation, messages, emails, recordings } = classified.part;
    if (conversation) group.data.conversation ??= conversation;
    if (messages) group.data.messages = [...(group.data.messages ?? []), ...messages];
    if (emails) group.data.emails = [...(group.data.emails ?? []), ...emails];
    if (recordings) group.data.recordings = [...(group.data.recordings ?? []), ...recordings];
  }
  return [...groups.entries()].map(([conversationId, g]) => ({
    conversationId,
    files: g.files,
    attachments: detectAttachments(g.data, rules),
  }));
}

async function jsonFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) throw new Error(`${p}: no such file or folder`);
    if (s.isFile()) out.push(p);
    else if (s.isDirectory()) {
      const entries = await readdir(p, { withFileTypes: true });
      const nested = entries
        .filter((e) => e.isDirectory() || (e.isFile() && e.name.endsWith('.json')))
        .map((e) => join(p, e.name))
        .sort();
      out.push(...(await jsonFiles(nested)));
    }
  }
  return out;
}

export function formatTable(reports: ConversationReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const recognised = r.files.filter((f) => f.shape !== 'unknown');
    if (recognised.length === 0) continue;
    lines.push(
      `Conversation ${r.conversationId}  (${recognised.map((f) => `${basename(f.path)}: ${f.shape}`).join(', ')})`,
    );
    if (r.attachments.length === 0) lines.push('  no attachments');
    const rows = r.attachments.map((a) => [
      a.id,
      a.fileName,
      a.declaredType ?? '?',
      a.size === undefined ? '?' : String(a.size),
      a.sender,
      a.time ?? '',
      describeLocation(a),
      String(a.sources.length),
    ]);
    if (rows.length > 0)
      lines.push(...table(['id', 'name', 'type', 'size', 'sender', 'time', 'location', 'seen'], rows));
    lines.push('');
  }
  return lines.join('\n');
}

function describeLocation(a: AttachmentRef): string {
  const l = a.location;
  switch (l.kind) {
    case 'genesys':
      return `genesys download ${l.downloadId}${a.scannedAs ? ` (scannedAs ${canonicalLocation(a.scannedAs)})` : ''}`;
    case 's3':
      return `s3://${l.bucket}/${l.key}`;
    case 'store':
      return `store ${l.key}`;
    case 'proxy':
      return `proxy link ${l.key}`;
    case 'external':
      return `external ${l.url} (never fetched)`;
    case 'unretrievable':
      return 'not retrievable (the data gives no location)';
  }
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)];
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { table: { type: 'boolean' }, rules: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const rules = parseDetectionRules(values.rules ? JSON.parse(await readFile(values.rules, 'utf8')) : {});
  const reports = await detectFromPaths(positionals, rules);
  process.stdout.write(values.table ? `${formatTable(reports)}\n` : `${JSON.stringify(reports, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`detect: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
