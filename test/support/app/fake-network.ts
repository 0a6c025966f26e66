// A stand-in for `fetch` that answers only the routes a test declares. Any other request is
// recorded and fails the test when it finishes: a widget that calls something unexpected (a URL
// it should never fetch, the proxy without a token) cannot pass by accident.
import { expect, onTestFinished, vi } from 'vitest';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The parsed JSON body, when there was one; a body of another kind as its text. */
  body: unknown;
}

export type Handler = (request: SeenRequest) => Response | Promise<Response>;

interface Route {
  method: string;
  /** `origin + pathname`, matched exactly (the query string is free). */
  target: string;
  handler: Handler;
}

export class FakeNetwork {
  readonly requests: SeenRequest[] = [];
  readonly unhandled: string[] = [];
  private readonly routes: Route[] = [];

  /** Answers `method target`; a later route for the same target replaces an earlier one. */
  on(method: string, target: string, handler: Handler): this {
    this.routes.unshift({ method, target, handler });
    return this;
  }

  /** Records a request the test did not expect; it fails the test when the test finishes. */
  reject(description: string): Response {
    this.unhandled.push(description);
    return new Response(null, { status: 599 });
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? jsonOrText(init.body) : undefined;
    const request = { method, url, headers, body };
    this.requests.push(request);
    const route = this.routes.find((r) => r.method === method && r.target === url.origin + url.pathname);
    if (!route) {
      this.unhandled.push(`${method} ${url.href}`);
      throw new TypeError(`No test route for ${method} ${url.href}`);
    }
    return route.handler(request);
  };

  /** The requests made to `method target`, in order. */
  seen(method: string, target: string): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.origin + r.url.pathname === target);
  }
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Replaces `fetch` for this test and fails the test if anything went unanswered. */
export function installFakeNetwork(): FakeNetwork {
  const network = new FakeNetwork();
  vi.stubGlobal('fetch', network.fetch);
  onTestFinished(() => {
    expect(network.unhandled, 'requests the test did not expect').toEqual([]);
  });
  return network;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The proxy's error answer (`ErrorResponse` in core/proxy-api.ts). */
export function proxyError(status: number, code: string, message = code): Response {
  return json({ error: { code, message, requestId: 'req-test' } }, status);
}

/** Answers each call with the next handler; the last one keeps answering. */
export function inTurn(...handlers: Handler[]): Handler {
  let call = 0;
  return (request) => {
    const handler = handlers[Math.min(call++, handlers.length - 1)];
    if (!handler) throw new Error('inTurn needs at least one handler');
    return handler(request);
  };
}

/** A response the test releases when it is ready, to look at the state in between. */
export function deferred(): { handler: Handler; release: (response: Response) => void } {
  const waiting: ((response: Response) => void)[] = [];
  let released: Response | undefined;
  return {
    handler: () =>
      released ? released.clone() : new Promise<Response>((resolve) => void waiting.push(resolve)),
    release: (response) => {
      released = response;
      for (const resolve of waiting.splice(0)) resolve(response.clone());
    },
  };
}
