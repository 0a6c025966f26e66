// The built widget's files. Agent Workspace loads the widget afresh for every interaction, and the
// PKCE sign-in loads it twice (before and after the redirect), so the bytes on the wire and the
// round trips count on an office network: files are compressed, and Vite's content-hashed files
// under assets/ are cached for good (a new build has new names); everything else is revalidated.
import { basename, dirname } from 'node:path';
import compression from 'compression';
import express, { type RequestHandler, type Response } from 'express';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function cacheHeaders(res: Response, path: string): void {
  const hashed = basename(dirname(path)) === 'assets';
  res.setHeader('Cache-Control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
}

/** Serves the widget folder: compressed, hashed assets immutable, the rest revalidated (ETag). */
export function widgetAssets(widgetDir: string): RequestHandler[] {
  return [
    compression(),
    express.static(widgetDir, { index: 'index.html', fallthrough: true, setHeaders: cacheHeaders }),
  ];
}
