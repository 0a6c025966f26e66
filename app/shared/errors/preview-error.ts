// Every way a preview can fail, each with words for the agent and a next step.
import { ProxyApiError } from '../api/proxy-client.ts';
import { statusOf } from '../genesys/sdk-reads.ts';
import { defineMessages, type MessageDescriptor } from '../i18n/messages.ts';

export type PreviewErrorKind =
  | 'unsupported'
  | 'unconvertible'
  | 'too-large'
  | 'scan-pending'
  | 'scan-blocked'
  | 'access-denied'
  | 'gone'
  | 'not-found'
  | 'session-expired'
  | 'network'
  | 'corrupt'
  | 'password-protected'
  | 'part-refused'
  | 'unavailable';

export type NextStep = 'retry' | 'sign-in' | 'download' | 'none';

const messages = defineMessages({
  unsupportedTitle: {
    id: 'errors.preview.unsupported.title',
    defaultMessage: 'No preview for this file type',
  },
  unsupportedMessage: {
    id: 'errors.preview.unsupported.message',
    defaultMessage: 'Download the file to open it.',
  },
  unconvertibleTitle: {
    id: 'errors.preview.unconvertible.title',
    defaultMessage: 'Could not be converted for preview',
  },
  unconvertibleMessage: {
    id: 'errors.preview.unconvertible.message',
    defaultMessage: 'The file may be damaged, protected or too complex to convert.',
  },
  tooLargeTitle: { id: 'errors.preview.tooLarge.title', defaultMessage: 'Too large to preview' },
  tooLargeMessage: {
    id: 'errors.preview.tooLarge.message',
    defaultMessage: 'Download the file to open it.',
  },
  scanPendingTitle: { id: 'errors.preview.scanPending.title', defaultMessage: 'Scan in progress' },
  scanPendingMessage: {
    id: 'errors.preview.scanPending.message',
    defaultMessage: 'The file is being checked for malware. Try again in a minute.',
  },
  scanBlockedTitle: { id: 'errors.preview.scanBlocked.title', defaultMessage: 'Blocked by the malware scan' },
  scanBlockedMessage: {
    id: 'errors.preview.scanBlocked.message',
    defaultMessage: 'This file was found to be unsafe and cannot be opened.',
  },
  accessDeniedTitle: { id: 'errors.preview.accessDenied.title', defaultMessage: 'Access denied' },
  accessDeniedMessage: {
    id: 'errors.preview.accessDenied.message',
    defaultMessage: 'You cannot open files of this conversation.',
  },
  goneTitle: { id: 'errors.preview.gone.title', defaultMessage: 'File no longer available' },
  goneMessage: {
    id: 'errors.preview.gone.message',
    defaultMessage: 'It may have been removed by the retention policy.',
  },
  notFoundTitle: { id: 'errors.preview.notFound.title', defaultMessage: 'Interaction not found' },
  notFoundMessage: {
    id: 'errors.preview.notFound.message',
    defaultMessage:
      'Genesys Cloud has no interaction with this id for you. Check the id, that you are signed in to the organization and region it belongs to, and that it is not older than your organization’s retention period.',
  },
  sessionExpiredTitle: { id: 'errors.preview.sessionExpired.title', defaultMessage: 'Session expired' },
  sessionExpiredMessage: {
    id: 'errors.preview.sessionExpired.message',
    defaultMessage: 'Sign in again to keep viewing attachments.',
  },
  networkTitle: { id: 'errors.preview.network.title', defaultMessage: 'Connection problem' },
  networkMessage: {
    id: 'errors.preview.network.message',
    defaultMessage: 'The file could not be loaded. Check your connection and retry.',
  },
  corruptTitle: { id: 'errors.preview.corrupt.title', defaultMessage: 'File is damaged' },
  corruptMessage: {
    id: 'errors.preview.corrupt.message',
    defaultMessage: 'The file could not be read. Download it to try another program.',
  },
  passwordProtectedTitle: {
    id: 'errors.preview.passwordProtected.title',
    defaultMessage: 'Password protected',
  },
  passwordProtectedMessage: {
    id: 'errors.preview.passwordProtected.message',
    defaultMessage: 'Download the file and open it with its password.',
  },
  partRefusedTitle: {
    id: 'errors.preview.partRefused.title',
    defaultMessage: 'This file inside does not open',
  },
  partRefusedMessage: {
    id: 'errors.preview.partRefused.message',
    defaultMessage:
      'It is not there, or it is not opened safely here: a program, an archive inside, an unsafe name, too large once extracted, or a type with no preview.',
  },
  unavailableTitle: { id: 'errors.preview.unavailable.title', defaultMessage: 'Service unavailable' },
  unavailableMessage: {
    id: 'errors.preview.unavailable.message',
    defaultMessage: 'The attachment service is busy or unreachable. Retry shortly.',
  },
});

export const previewErrors: Record<
  PreviewErrorKind,
  { title: MessageDescriptor; message: MessageDescriptor; next: NextStep }
> = {
  unsupported: { title: messages.unsupportedTitle, message: messages.unsupportedMessage, next: 'download' },
  unconvertible: {
    title: messages.unconvertibleTitle,
    message: messages.unconvertibleMessage,
    next: 'download',
  },
  'too-large': { title: messages.tooLargeTitle, message: messages.tooLargeMessage, next: 'download' },
  'scan-pending': { title: messages.scanPendingTitle, message: messages.scanPendingMessage, next: 'retry' },
  'scan-blocked': { title: messages.scanBlockedTitle, message: messages.scanBlockedMessage, next: 'none' },
  'access-denied': { title: messages.accessDeniedTitle, message: messages.accessDeniedMessage, next: 'none' },
  gone: { title: messages.goneTitle, message: messages.goneMessage, next: 'none' },
  // Asking again cannot make an unknown id known: no retry.
  'not-found': { title: messages.notFoundTitle, message: messages.notFoundMessage, next: 'none' },
  'session-expired': {
    title: messages.sessionExpiredTitle,
    message: messages.sessionExpiredMessage,
    next: 'sign-in',
  },
  network: { title: messages.networkTitle, message: messages.networkMessage, next: 'retry' },
  corrupt: { title: messages.corruptTitle, message: messages.corruptMessage, next: 'download' },
  'password-protected': {
    title: messages.passwordProtectedTitle,
    message: messages.passwordProtectedMessage,
    next: 'download',
  },
  'part-refused': { title: messages.partRefusedTitle, message: messages.partRefusedMessage, next: 'none' },
  unavailable: { title: messages.unavailableTitle, message: messages.unavailableMessage, next: 'retry' },
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
    case 'rendition_unavailable':
      return 'unsupported';
    case 'not_convertible':
      return 'unconvertible';
    // A file inside an email or archive that the proxy will not extract or has no preview for.
    case 'part_not_found':
    case 'part_refused':
    case 'part_too_large':
    case 'part_not_previewable':
      return 'part-refused';
    case 'downloads_disabled':
      return 'access-denied';
    case 'network':
      return 'network';
    default:
      return 'unavailable';
  }
}

/**
 * Reading the conversation through the Platform SDK: an expired token must lead to "sign in again";
 * an id Genesys does not know (a mistyped or another region's id, or one removed by retention)
 * to "not found", where retrying cannot help. Network failures, 429 and 5xx may pass: retry.
 */
function platformErrorKind(status: number | undefined): PreviewErrorKind {
  if (status === 401) return 'session-expired';
  if (status === 403) return 'access-denied';
  if (status === 404 || status === 410) return 'not-found';
  return 'network';
}
