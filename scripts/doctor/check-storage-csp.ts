// The widget page's Content-Security-Policy must let the browser load S3 links: pdf.js fetches them
// (connect-src), images and media load them directly (img-src, media-src). The proxy derives that
// origin from S3_PUBLIC_ENDPOINT or S3_ENDPOINT; links point wherever the presigner puts them.
import type { DoctorContext } from './doctor-context.ts';
import { type Finding, skip } from './finding.ts';
import { s3BackendFor } from './s3-client.ts';

const DIRECTIVES = ['connect-src', 'img-src', 'media-src'];

export async function checkStorageCsp(context: DoctorContext): Promise<Finding | undefined> {
  const { config } = context;
  const backend = s3BackendFor(config);
  const [bucket] = config.s3?.buckets ?? [];
  if (!backend || !bucket) return undefined;
  const id = 'proxy.storage-csp';
  const title = 'Widget CSP for S3 links';
  const csp = context.widgetCsp;
  if (!csp) return skip(id, title, 'skipped: the widget page could not be read');
  const url =
    context.s3Probe?.url ??
    (
      await backend.mint(
        { kind: 's3', bucket, key: 'attachment-viewer-doctor/csp' },
        { scan: 'clean', head: new Uint8Array() },
        { disposition: 'inline', contentType: 'application/octet-stream', fileName: 'csp', ttlSeconds: 60 },
      )
    ).url;
  const origin = new URL(url).origin;
  const blocked = DIRECTIVES.filter((d) => !allows(csp.get(d) ?? csp.get('default-src') ?? [], origin));
  if (blocked.length === 0)
    return {
      id,
      title,
      status: 'pass',
      detail: `${DIRECTIVES.join(', ')} allow ${origin}, where S3 links point`,
    };
  return {
    id,
    title,
    status: 'fail',
    detail: `S3 links point at ${origin}, which the widget page's ${blocked.join(', ')} do not allow: the browser blocks every S3 file (PDFs, images, media).`,
    fix: config.s3?.forcePathStyle
      ? `Set S3_PUBLIC_ENDPOINT to ${origin}'s endpoint on every replica (the proxy allows the origin of S3_PUBLIC_ENDPOINT or S3_ENDPOINT) and restart them.`
      : `Presigned links are virtual-hosted (${origin}) but the proxy allows only the origin of S3_PUBLIC_ENDPOINT/S3_ENDPOINT: set S3_PUBLIC_ENDPOINT=https://s3.<region>.amazonaws.com and S3_FORCE_PATH_STYLE=true so links and CSP name the same origin.`,
  };
}

/** Whether a CSP source list allows an origin (exact, `*`, a scheme, or a leftmost `*.` wildcard). */
export function allows(sources: string[], origin: string): boolean {
  const url = new URL(origin);
  return sources.some((source) => {
    if (source === '*' || source === url.protocol) return true;
    if (source === origin) return true;
    const wildcard = /^(https?):\/\/\*\.([^/:]+)(?::(\d+))?$/.exec(source);
    return (
      !!wildcard &&
      `${wildcard[1]}:` === url.protocol &&
      url.hostname.endsWith(`.${wildcard[2]}`) &&
      (wildcard[3] ?? '') === url.port
    );
  });
}
