// GET /__sandbox/files/{downloadId}: the bytes behind a signed download URL. Modelled on the
// storage service a real signed URL points at: no bearer token, S3-style XML errors, Range support.
import { realpathSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import { correlationIdOf } from '../request-context.ts';
import { queryParam } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { parseByteRange } from './byte-range.ts';
import { contentDispositionHeader } from './content-disposition.ts';
import { checkSignedFile } from './signed-file-url.ts';

export function signedFileRoute(state: SandboxState): RequestHandler<{ downloadId: string }> {
  const { directory, settings } = state;
  // The data folder is fixed when the sandbox loads it (directory.data is read-only): resolve it once.
  const root = realpathSync(directory.data.dataDir);
  return async (req, res) => {
    applyFileCors(req, res, settings.fileCors);
    const { downloadId } = req.params;
    const check = checkSignedFile(
      settings.signingSecret,
      downloadId,
      {
        disposition: queryParam(req, 'disposition'),
        expires: queryParam(req, 'expires'),
        signature: queryParam(req, 'signature'),
      },
      Math.floor(settings.now() / 1000),
    );
    if (!check.ok) {
      const message =
        check.reason === 'expired'
          ? 'Request has expired'
          : 'The request signature we calculated does not match the signature you provided.';
      return sendStorageError(res, 403, 'AccessDenied', message);
    }
    const entry = directory.data.downloads[downloadId];
    const bytes = entry === undefined ? undefined : await readInside(root, entry.file);
    if (entry === undefined || bytes === undefined) {
      return sendStorageError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    res.setHeader('Content-Type', entry.contentType);
    if (check.request.disposition !== 'none') {
      res.setHeader('Content-Disposition', contentDispositionHeader(check.request.disposition, entry.name));
    }
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Cache-Control', 'private, max-age=60');
    const range = parseByteRange(req.get('range'), bytes.length);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${bytes.length}`);
      return sendStorageError(res, 416, 'InvalidRange', 'The requested range is not satisfiable');
    }
    if (range.kind === 'partial') {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${bytes.length}`);
      res.send(bytes.subarray(range.start, range.end + 1));
      return;
    }
    res.send(bytes);
  };
}

/** Preflight for the signed URLs: allowed only when file CORS is switched on for the origin. */
export function signedFilePreflightRoute(state: SandboxState): RequestHandler {
  return (req, res) => {
    if (!applyFileCors(req, res, state.settings.fileCors)) {
      return sendStorageError(
        res,
        403,
        'AccessForbidden',
        'CORSResponse: CORS is not enabled for this bucket.',
      );
    }
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

function applyFileCors(req: Request, res: Response, cors: boolean | string[]): boolean {
  if (cors === false) return false;
  if (cors === true) {
    res.setHeader('Access-Control-Allow-Origin', '*');
  } else {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === undefined || !cors.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  res.setHeader(
    'Access-Control-Expose-Headers',
    'Content-Range, Content-Length, Content-Type, Content-Disposition, Accept-Ranges',
  );
  return true;
}

// downloads.json is checked at load time, but the files can change afterwards: resolve symlinks and
// refuse anything that ends up outside the data folder (`root`, already resolved).
async function readInside(root: string, relative: string): Promise<Buffer | undefined> {
  try {
    const file = await realpath(path.resolve(root, relative));
    if (!file.startsWith(root + path.sep)) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}

function sendStorageError(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
        `<RequestId>${correlationIdOf(res)}</RequestId></Error>`,
    );
}
