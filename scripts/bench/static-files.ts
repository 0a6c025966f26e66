// The browser benches' small file servers (search-bench.ts, large-pdf-bench.ts): a file streamed
// with its type, and a server listening on a free loopback port.
import { createReadStream } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Streams `file` as the answer; 404 when it cannot be read. */
export function sendFile(res: ServerResponse, file: string): void {
  const stream = createReadStream(file);
  stream.on('error', () => res.writeHead(404).end());
  stream.on('open', () =>
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }),
  );
  stream.pipe(res);
}

/** Starts `server` on a free port of 127.0.0.1; its base URL. */
export function listenOnLoopback(server: Server): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}
