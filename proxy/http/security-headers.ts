// Response headers by kind of response (docs/security.md rule 9; the widget CSP's reasons: docs/viewer.md).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * JSON API: never framed, never cached, never sniffed, no referrer. The headers are the same on
 * every answer, so helmet computes them once and each response copies them in one call.
 */
export function apiHeaders(): RequestHandler {
  const headers = headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  headers.set('Cache-Control', 'no-store');
  // The cors package adds Vary only when it allows the origin; every answer needs it
  // (docs/security.md rule 9).
  headers.set('Vary', 'Origin');
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

/** The headers a header-only middleware sets, captured once on a stand-in response. */
function headersOf(middleware: ReturnType<typeof helmet>): Map<string, string> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  middleware({} as never, res as never, () => undefined);
  return headers;
}

export interface WidgetCspOptions {
  /** `https://apps.<tld>` of each configured region, plus any extra (the demo desktop). */
  frameAncestors: string[];
  /** Origins links may point at besides our own (S3 endpoints, Genesys download hosts in direct mode). */
  storageOrigins: string[];
  /** `https://api.<tld>` and `https://login.<tld>` (or the sandbox org). */
  genesysOrigins: string[];
}

/**
 * The widget document: framed only by Genesys (no X-Frame-Options, which cannot list origins), and
 * a strict CSP that still lets pdf.js run its worker and WebAssembly.
 */
export function widgetHeaders(options: WidgetCspOptions): RequestHandler {
  const storage = options.storageOrigins;
  const h = helmet({
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false, // popup sign-in needs window.opener
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'blob:', 'data:', ...storage],
        mediaSrc: ["'self'", 'blob:', ...storage],
        connectSrc: ["'self'", ...storage, ...options.genesysOrigins],
        fontSrc: ["'self'", 'data:'],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: options.frameAncestors.length > 0 ? options.frameAncestors : ["'none'"],
      },
    },
  });
  return h;
}
