// The sandbox org's Notifications API from tests: its HTTP calls with an agent's token, and a
// WebSocket that has opened (or failed to).
import type { WebSocket } from 'ws';

/** A Platform API call on the sandbox with `token`, JSON in and out. */
export function sandboxApi(sandboxUrl: string, token: string) {
  return (path: string, method: string, body?: unknown): Promise<Response> =>
    fetch(`${sandboxUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** Resolves when the socket opens; rejects with its error (a refused upgrade, say). */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
}
