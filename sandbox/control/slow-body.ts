// Sends the status line and headers at once, then the body in pieces spread over totalMs: what a
// congested upstream looks like to a client whose timeout only covers the headers.
import type { Response } from 'express';

const maxPieces = 10;

export function dribbleBody(res: Response, totalMs: number, timers: Set<NodeJS.Timeout>): void {
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => Response;
  const patched = res as unknown as { end: (...args: unknown[]) => Response };
  patched.end = (chunk?: unknown, encoding?: unknown) => {
    const body = toBuffer(chunk, encoding);
    if (body.length === 0) return originalEnd();
    res.flushHeaders();
    const pieces = Math.min(maxPieces, body.length);
    const pieceSize = Math.ceil(body.length / pieces);
    const interval = totalMs / pieces;
    const pending = new Set<NodeJS.Timeout>();
    res.once('close', () => {
      for (const timer of pending) {
        clearTimeout(timer);
        timers.delete(timer);
      }
    });
    for (let i = 0; i < pieces; i += 1) {
      const timer = setTimeout(
        () => {
          pending.delete(timer);
          timers.delete(timer);
          const piece = body.subarray(i * pieceSize, (i + 1) * pieceSize);
          if (i === pieces - 1) originalEnd(piece);
          else res.write(piece);
        },
        Math.round(interval * (i + 1)),
      );
      pending.add(timer);
      timers.add(timer);
    }
    return res;
  };
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return Buffer.alloc(0);
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}
