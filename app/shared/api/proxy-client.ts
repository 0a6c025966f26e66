// The one client for the proxy's API: adds the bearer token and the region, and turns every non-2xx
// answer into a typed error the screens switch on.

export class ProxyApiError extends Error {
  override readonly name = 'ProxyApiError';
  constructor(
    readonly status: number,
    /** The proxy's stable error code, or `network` when it could not be reached. */
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface ProxyClientOptions {
  base: string;
  getToken: () => string | undefined;
  region: string;
  fetchImpl?: typeof fetch;
}

export interface ProxyClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
}

export function createProxyClient(options: ProxyClientOptions): ProxyClient {
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> => {
    const token = options.getToken();
    if (!token) throw new ProxyApiError(401, 'unauthenticated', 'Not signed in.');
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(`${options.base}/api/v1${path}`, {
        method,
        signal,
        headers: {
          authorization: `Bearer ${token}`,
          ...(options.region === 'localhost' ? {} : { 'x-genesys-region': options.region }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ProxyApiError(
        0,
        'network',
        'The attachment service could not be reached. Check your connection.',
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ProxyApiError(
        response.status,
        err?.code ?? `http_${response.status}`,
        err?.message ?? `The attachment service answered ${response.status}.`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    return json as T;
  };
  return {
    get: (path, signal) => request('GET', path, undefined, signal),
    post: (path, body, signal) => request('POST', path, body, signal),
  };
}
