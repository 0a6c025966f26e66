// What a failed Platform API read means, decided the same way in the widget and in the proxy: which
// source could not be read, why, and whether asking again can help. Pure: each side only reports the
// status, the Genesys message and Retry-After of its own error type (PlatformReads.failureOf).

/** The Platform API reads one conversation is made of (core/conversation-reader.ts). */
export type ReadSource = 'conversation' | 'messages' | 'emails' | 'recordings';

/** What the caller's error type says about one failed call; undefined from failureOf: not an API failure. */
export interface ApiFailure {
  /** HTTP status; undefined when no answer came (timeout, network). */
  status?: number;
  /** Genesys's ErrorBody message, which names a missing permission (docs/genesys-platform.md §6). */
  message?: string;
  retryAfterSeconds?: number;
}

export type UnreadReason =
  /** 403 `missing.permissions`: the role lacks the permission named. */
  | 'missing-permission'
  /** 403 without a permission named: not allowed to read this part of this conversation. */
  | 'not-authorized'
  /** 404 for a part of a conversation that was found (removed since, or past retention). */
  | 'not-found'
  /** 429: Genesys asked to slow down. */
  | 'rate-limited'
  /** 5xx, a timeout or no answer. */
  | 'unavailable'
  /** Any other answer (a redirect, an unexpected status, a malformed body). */
  | 'bad-response';

/** One source that could not be read: the list shows what the other sources found, and this note. */
export interface UnreadSource {
  source: ReadSource;
  reason: UnreadReason;
  /** The permission Genesys named, e.g. `conversation:message:view`. */
  permission?: string;
  /** True when the same read may succeed later without anyone changing anything. */
  canRetry: boolean;
  retryAfterSeconds?: number;
}

/** A read answered 401: the token is no longer good, so no part of the read is. Rethrown as is. */
export function isSessionFailure(failure: ApiFailure | undefined): boolean {
  return failure?.status === 401;
}

export function unreadSource(source: ReadSource, failure: ApiFailure): UnreadSource {
  const { status } = failure;
  const retryAfter =
    failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds };
  if (status === 403) {
    const permission = permissionNamedIn(failure.message);
    return permission
      ? { source, reason: 'missing-permission', permission, canRetry: false }
      : { source, reason: 'not-authorized', canRetry: false };
  }
  if (status === 404) return { source, reason: 'not-found', canRetry: false };
  if (status === 429) return { source, reason: 'rate-limited', canRetry: true, ...retryAfter };
  if (status === undefined || status >= 500)
    return { source, reason: 'unavailable', canRetry: true, ...retryAfter };
  return { source, reason: 'bad-response', canRetry: false };
}

// Genesys words it "... missing the following permission(s): [conversation:message:view]"; a
// permission is always three words joined by colons.
const namedPermission = /\[\s*([A-Za-z]+:[A-Za-z]+:[A-Za-z]+)/;

/** The first permission a Genesys 403 message names. */
export function permissionNamedIn(message: string | undefined): string | undefined {
  return message === undefined ? undefined : namedPermission.exec(message.slice(0, 2_000))?.[1];
}
