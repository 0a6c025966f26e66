// Calls to the Genesys Cloud Platform API with the agent's own token. Hosts come only from the
// configured regions (or the loopback sandbox org), redirects are never followed, every call has a
// deadline, and every failure is classified so callers can fail closed.
import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformReads } from '../../core/conversation-reader.ts';
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import { recordingsPreparing, recordingsQuery } from '../../core/recordings-read.ts';
import { retryAfterSeconds } from './retry-after.ts';

export type GenesysFailureKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'rate_limited' // 429
  | 'unavailable' // 5xx, timeout, network error
  | 'bad_response'; // redirect, unexpected status, malformed body

export class GenesysError extends Error {
  override readonly name = 'GenesysError';
  constructor(
    readonly kind: GenesysFailureKind,
    readonly status: number | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
    /** Genesys's own ErrorBody message of a 403, which names a missing permission. */
    readonly genesysMessage?: string,
  ) {
    super(message);
  }
}

interface CallOptions<T> {
  /** Sent as JSON. */
  body?: unknown;
  /** What a 202 Accepted means for this call; without it, 202 is an answer like 200. */
  onAccepted?: () => T;
}

export interface GenesysClientOptions {
  region: GenesysRegion;
  apiBaseOverride?: string;
  timeoutMs: number;
  /** Counts outbound calls by endpoint name (metrics, and the benchmark's upstream economy). */
  onCall?: (endpoint: string) => void;
  /** Each call's outcome: `ok` or the failure kind (metrics). */
  onResult?: (endpoint: string, outcome: string) => void;
  /**
   * Genesys answered 401 to a call made with this token: awaited before the call fails, so the
   * token's cached approval is gone before anyone can use it again.
   */
  onTokenRejected?: (token: string) => Promise<void>;
}

export class GenesysClient {
  readonly apiBase: string;

  constructor(private readonly options: GenesysClientOptions) {
    this.apiBase = options.apiBaseOverride ?? `https://api.${options.region.tld}`;
  }

  getUsersMe(token: string): Promise<Models.UserMe> {
    return this.json('users.me', token, 'GET', '/api/v2/users/me?expand=organization,token');
  }

  /** The PlatformReads of one agent: what the shared conversation reader calls. */
  readsFor(token: string): PlatformReads {
    const c = (id: string) => encodeURIComponent(id);
    return {
      getConversation: (id) => this.json('conversations.get', token, 'GET', `/api/v2/conversations/${c(id)}`),
      getMessagesBulk: (id, ids) =>
        this.json('messages.bulk', token, 'POST', `/api/v2/conversations/messages/${c(id)}/messages/bulk`, {
          body: ids,
        }),
      // pageUri is a path of this listing, checked by the reader (core/conversation-reader.ts nextPageOf).
      getEmailMessages: (id, pageUri) =>
        this.json('emails.list', token, 'GET', pageUri ?? `/api/v2/conversations/emails/${c(id)}/messages`),
      getRecordings: (id) => {
        const { formatId, maxWaitMs } = recordingsQuery(this.options.timeoutMs);
        const query = `formatId=${formatId}&maxWaitMs=${maxWaitMs}`;
        return this.json('recordings', token, 'GET', `/api/v2/conversations/${c(id)}/recordings?${query}`, {
          onAccepted: () => recordingsPreparing,
        });
      },
      failureOf: (error) =>
        error instanceof GenesysError
          ? {
              ...(error.status === undefined ? {} : { status: error.status }),
              ...(error.genesysMessage === undefined ? {} : { message: error.genesysMessage }),
              ...(error.retryAfterSeconds === undefined
                ? {}
                : { retryAfterSeconds: error.retryAfterSeconds }),
            }
          : undefined,
    };
  }

  /** `GET /api/v2/downloads/{id}?issueRedirect=false`: a short-lived signed URL for a Genesys-hosted file. */
  async getDownloadUrl(
    token: string,
    downloadId: string,
    disposition: 'inline' | 'attachment',
  ): Promise<string> {
    const body = await this.json<Models.UrlResponse>(
      'downloads',
      token,
      'GET',
      `/api/v2/downloads/${encodeURIComponent(downloadId)}?issueRedirect=false&contentDisposition=${disposition}`,
    );
    if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
      throw new GenesysError('bad_response', 200, 'download response has no URL');
    return body.url;
  }

  private async json<T>(
    endpoint: string,
    token: string,
    method: 'GET' | 'POST',
    path: string,
    request: CallOptions<T> = {},
  ): Promise<T> {
    this.options.onCall?.(endpoint);
    try {
      const result = await this.call<T>(endpoint, token, method, path, request);
      this.options.onResult?.(endpoint, 'ok');
      return result;
    } catch (error) {
      this.options.onResult?.(endpoint, error instanceof GenesysError ? error.kind : 'error');
      if (error instanceof GenesysError && error.kind === 'unauthorized')
        await this.options.onTokenRejected?.(token);
      throw error;
    }
  }

  private async call<T>(
    endpoint: string,
    token: string,
    method: 'GET' | 'POST',
    path: string,
    { body, onAccepted }: CallOptions<T>,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.apiBase}${path}`, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new GenesysError(
        'unavailable',
        undefined,
        timedOut ? `${endpoint} timed out` : `${endpoint} unreachable`,
      );
    }

    if (response.status === 202 && onAccepted) {
      await response.body?.cancel().catch(() => undefined);
      return onAccepted();
    }
    if (response.ok) {
      let text: string;
      try {
        text = await response.text();
      } catch {
        throw new GenesysError('unavailable', response.status, `${endpoint} body interrupted`);
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        return parsed as T;
      } catch {
        throw new GenesysError('bad_response', response.status, `${endpoint} returned a malformed body`);
      }
    }

    const status = response.status;
    if (status === 403)
      throw new GenesysError(
        'forbidden',
        status,
        `${endpoint}: forbidden`,
        undefined,
        await errorMessageOf(response),
      );
    await response.body?.cancel().catch(() => undefined);
    if (status === 401) throw new GenesysError('unauthorized', status, `${endpoint}: token rejected`);
    if (status === 404) throw new GenesysError('not_found', status, `${endpoint}: not found`);
    if (status === 429)
      throw new GenesysError(
        'rate_limited',
        status,
        `${endpoint}: rate limited`,
        retryAfterSeconds(response.headers.get('retry-after')),
      );
    if (status >= 500) throw new GenesysError('unavailable', status, `${endpoint}: ${status}`);
    // 3xx included: a redirect is never followed (it could point anywhere, internal addresses too).
    throw new GenesysError('bad_response', status, `${endpoint}: unexpected ${status}`);
  }
}

// A 403's ErrorBody says which permission is missing; its message is read, bounded, and nothing else.
async function errorMessageOf(response: Response): Promise<string | undefined> {
  try {
    const text = await response.text();
    if (text.length > 16_384) return undefined;
    const message: unknown = (JSON.parse(text) as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
