// The JSON renditions of emails and archives: what the document worker writes and the widget's email
// and archive views read (docs/renditions.md). Pure types and limits.

/** An email as the email view shows it: nothing in it can run or load anything. */
export interface EmailDocument {
  kind: 'email';
  subject?: string;
  from?: string;
  to: string[];
  cc: string[];
  /** ISO-8601, when the email has a date that parses. */
  date?: string;
  /** The plain-text body (cut at EMAIL_TEXT_LIMIT characters). */
  text?: string;
  /**
   * The HTML body made inert: no script, style sheet, form, frame or object; no link targets; no
   * remote image (inline `cid:` images become data: URLs). Absent when the email has none.
   */
  html?: string;
  /** Remote images and inline styles that would load something, removed from the HTML (the agent is told how many). */
  remoteBlocked: number;
  /** The files inside the email (listed; they open with the original). */
  attachments: { name: string; type: string; size: number; inline: boolean }[];
  /** The body was cut at its limit. */
  truncated: boolean;
}

export type ArchiveEntryFlag = 'executable' | 'archive' | 'unsafeName' | 'encrypted';

export interface ArchiveEntry {
  name: string;
  /** Uncompressed size as the archive declares it (never checked by extracting). */
  size: number;
  compressedSize: number;
  /** ISO-8601 modification time from the archive, when it has one. */
  modified?: string;
  directory: boolean;
  flags: ArchiveEntryFlag[];
}

/** An archive as the archive view lists it: nothing is extracted. */
export interface ArchiveDocument {
  kind: 'archive';
  entries: ArchiveEntry[];
  /** Entries in the archive (more than listed when `truncated`). */
  entryCount: number;
  /** Total uncompressed size the archive declares. */
  declaredSize: number;
  truncated: boolean;
}

const EXECUTABLE = /\.(exe|dll|scr|com|bat|cmd|msi|ps1|vbs|js|jse|wsf|hta|jar|sh|app|apk|lnk|reg|cpl)$/i;
const NESTED = /\.(zip|7z|rar|tar|gz|tgz|bz2|xz|cab|iso)$/i;

/**
 * What an archive entry's name alone says about it: a name that climbs out of a folder (`..`), is
 * absolute or holds control characters; a program or script; an archive inside. The document
 * worker lists with it and refuses to extract such an entry, and the proxy refuses to ask.
 */
export function entryNameFlags(name: string): ArchiveEntryFlag[] {
  const flags: ArchiveEntryFlag[] = [];
  const segments = name.replace(/\\/g, '/').split('/');
  if (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[A-Za-z]:/.test(name) ||
    segments.includes('..') ||
    /[\u0000-\u001f\u007f]/.test(name)
  )
    flags.push('unsafeName');
  if (EXECUTABLE.test(name)) flags.push('executable');
  if (NESTED.test(name)) flags.push('archive');
  return flags;
}

/** Why a part's own bytes or name keep it from opening (the worker's and the proxy's refusals). */
export type PartRefusal =
  | 'not-found'
  | 'unsafe-name'
  | 'executable'
  | 'nested-archive'
  | 'encrypted'
  | 'directory'
  | 'too-large';

/** The refusal an entry flag stands for. */
export const FLAG_REFUSAL: Record<ArchiveEntryFlag, PartRefusal> = {
  unsafeName: 'unsafe-name',
  executable: 'executable',
  archive: 'nested-archive',
  encrypted: 'encrypted',
};

/** What the worker writes beside an extracted part: its name and the type it was declared with. */
export interface PartFacts {
  name: string;
  declaredType?: string;
  size: number;
}

export type RenditionDocument = EmailDocument | ArchiveDocument;

export const EMAIL_TEXT_LIMIT = 200_000;
export const EMAIL_HTML_LIMIT = 1_000_000;
export const ARCHIVE_ENTRY_LIMIT = 5_000;
