// The built widget's files. Agent Workspace loads the widget afresh for every interaction, and the
// PKCE sign-in loads it twice (before and after the redirect), so the bytes on the wire and the
// round trips count on an office network: files are compressed (the build's Brotli and gzip copies
// where it made them, scripts/build/precompress.ts, else on the fly), Vite's content-hashed files under
// assets/ are cached for good (a new build has new names), everything else is revalidated, and the
// page carries the widget's settings itself (app/shared/api/widget-config.ts), so the widget need
// not ask for them before it can sign in.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';
import compression from 'compression';
import type { RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { notFound } from './error-handler.ts';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function cacheHeaders(res: ServerResponse, path: string): void {
  const hashed = basename(dirname(path)) === 'assets';
  res.setHeader('Cache-Control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The built index.html with the widget's settings in a `<meta name="widget-config">`. */
export function pageWithConfig(html: string, widgetConfig: object): string {
  const meta = `<meta name="widget-config" content="${escapeAttribute(JSON.stringify(widgetConfig))}" />`;
  if (html.includes('</head>')) return html.replace('</head>', `    ${meta}\n  </head>`);
  // No head written out: right after the doctype, where the parser opens the head itself.
  return html.replace(/^(\s*<!doctype html>)?/i, (doctype) => `${doctype}${meta}`);
}

/**
 * Serves the widget folder: compressed, hashed assets immutable, the rest revalidated (ETag). Source
 * maps (every source file with its content) only when `sourceMaps` is set: a build that has them
 * does not publish them by default (docs/security.md, finding 9).
 */
export function widgetAssets(
  widgetDir: string,
  widgetConfig: object,
  options: { sourceMaps?: boolean } = {},
): RequestHandler[] {
  const page = pageWithConfig(readFileSync(join(widgetDir, 'index.html'), 'utf8'), widgetConfig);
  const etag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`;
  const servePage: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', etag);
    res.type('html');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(page);
  };
  // The proxy's 404, as for a file that is not there.
  const hideSourceMaps: RequestHandler = (req, res, next) =>
    req.path.toLowerCase().endsWith('.map') ? notFound(req, res, next) : next();
  return [
    compression(),
    servePage,
    ...(options.sourceMaps ? [] : [hideSourceMaps]),
    // The copies compressed at build time (express-static-gzip picks one the browser accepts, Brotli
    // first); compression() leaves a response alone once it has a Content-Encoding.
    expressStaticGzip(widgetDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, fallthrough: true, setHeaders: cacheHeaders },
    }),
  ];
}
