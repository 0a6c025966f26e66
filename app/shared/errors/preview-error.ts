// Every way a preview can fail, each with words for the agent and a next step.
import { ProxyApiError } from '../api/proxy-client.ts';
import { statusOf } from '../genesys/sdk-reads.ts';

export type PreviewErrorKind =
  | 'unsupported'
  | 'too-large'
  | 'scan-pending'
  | 'scan-blocked'
  | 'access-denied'
  | 'gone'
  | 'session-expired'
  | 'network'
  | 'corrupt'
  | 'password-protected'
  | 'unavailable';

export type NextStep = 'retry' | 'sign-in' | 'download' | 'none';

export const previewErrors: Record<PreviewErrorKind, { title: string; message: string; next: NextStep }> = {
  unsupported: {
    title: 'No preview for this file type',
    message: 'Download the file to open it.',
    next: 'download',
  },
  'too-large': { title: 'Too large to preview', message: 'Download the file to open it.', next: 'download' },
  'scan-pending': {
    title: 'Scan in progress',
    message: 'The file is being checked for malware. Try again in a minute.',
    next: 'retry',
  },
  'scan-blocked': {
    title: 'Blocked by the malware scan',
    message: 'This file was found to be unsafe and cannot be opened.',
    next: 'none',
  },
  'access-denied': {
    title: 'Access denied',
    message: 'You cannot open files of this conversation.',
    next: 'none',
  },
  gone: {
    title: 'File no longer available',
    message: 'It may have been removed by the retention policy.',
    next: 'none',
  },
  'session-expired': {
    title: 'Session expired',
    message: 'Sign in again to keep viewing attachments.',
    next: 'sign-in',
  },
  network: {
    title: 'Connection problem',
    message: 'The file could not be loaded. Check your connection and retry.',
    next: 'retry',
  },
  corrupt: {
    title: 'File is damaged',
    message: 'The file could not be read. Download it to try another program.',
    next: 'download',
  },
  'password-protected': {
    title: 'Password protected',
    message: 'Download the file and open it with its password.',
    next: 'download',
  },
  unavailable: {
    title: 'Service unavailable',
    message: 'The attachment service is busy or unreachable. Retry shortly.',
    next: 'retry',
  },
};

/** Maps a proxy error code (or a Platform SDK rejection, which has only a status) to the state the agent sees. */
export function errorKindOf(error: unknown): PreviewErrorKind {
  if (!(error instanceof ProxyApiError)) return platformErrorKind(statusOf(error));
  switch (error.code) {
    case 'scan_pending':
      return 'scan-pending';
    case 'scan_infected':
      return 'scan-blocked';
    case 'not_permitted':
    case 'wrong_organization':
      return 'access-denied';
    case 'file_gone':
      return 'gone';
    case 'unauthenticated':
      return 'session-expired';
    case 'unsupported_location':
      return 'unsupported';
    case 'network':
      return 'network';
    default:
      return 'unavailable';
  }
}

/** Reading the conversation through the Platform SDK: an expired token must lead to "sign in again". */
function platformErrorKind(status: number | undefined): PreviewErrorKind {
  if (status === 401) return 'session-expired';
  if (status === 403) return 'access-denied';
  return 'network';
}
