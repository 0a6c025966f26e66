import { connect } from 'node:net';

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  status: number;
  /** Everything the server sent. */
  raw: string;
}

/**
 * Sends bytes exactly as given over a TCP connection and returns what comes back: for requests
 * fetch refuses or normalises (`..` segments, CR/LF or raw UTF-8 in headers).
 */
export function rawRequest(
  url: string,
  request: string | Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const done = () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0), raw });
    };
    socket.setTimeout(options.timeoutMs ?? 10_000, () => {
      socket.destroy();
      reject(new Error('raw request timed out'));
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => socket.end());
    socket.on('close', done);
    socket.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error),
    );
    socket.on('connect', () => socket.write(request));
  });
}
