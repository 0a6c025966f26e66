// The Platform SDK's HTTP client, on the browser's fetch instead of axios. The SDK takes a client
// of its own through `ApiClient.setHttpClient` (its documented extension point, AbstractHttpClient);
// its default one carries axios, a fifth of the widget's first download for what fetch does. The
// SDK reads only `status`, `statusText`, `headers` and `data` of an answer, and `response` of a
// rejection (ApiClient.js callApi), so that is the contract kept here.
import AbstractHttpClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/AbstractHttpClient.js';

interface SdkRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  data?: unknown;
}

export interface SdkResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  data: unknown;
}

/** A non-2xx answer, shaped as the SDK expects a failed request (`error.response`). */
export class SdkHttpError extends Error {
  override readonly name = 'SdkHttpError';
  constructor(readonly response: SdkResponse) {
    super(`Request failed with status code ${response.status}`);
  }
}

export class FetchHttpClient extends AbstractHttpClient {
  async request(options: SdkRequest): Promise<SdkResponse> {
    const config =
      ((this.preHook ? await this.preHook(options) : undefined) as SdkRequest | undefined) ?? options;
    const response = await send(config, this.timeout);
    const answer =
      ((this.postHook ? await this.postHook(response) : undefined) as SdkResponse | undefined) ?? response;
    if (answer.status < 200 || answer.status >= 300) throw new SdkHttpError(answer);
    return answer;
  }

  // Hooks are called in request(); nothing to switch on.
  enableHooks(): void {}
}

async function send(options: SdkRequest, timeoutMs: number): Promise<SdkResponse> {
  const url = new URL(options.url);
  // The SDK has already encoded the names and joined arrays with commas (ApiClient.serialize).
  for (const [name, value] of Object.entries(options.params ?? {}))
    url.searchParams.append(decodeURIComponent(name), value);
  const headers = new Headers(options.headers);
  const response = await fetch(url, {
    method: options.method,
    headers,
    body: bodyOf(options.data, headers),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: Object.fromEntries(response.headers),
    data: parsed(text),
  };
}

function bodyOf(data: unknown, headers: Headers): RequestInit['body'] {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof FormData || data instanceof Blob) return data;
  if (headers.get('content-type')?.startsWith('application/x-www-form-urlencoded'))
    return new URLSearchParams(data as Record<string, string>);
  return JSON.stringify(data);
}

// As axios does by default: JSON where the body is JSON, the text otherwise ('' for no body).
function parsed(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
