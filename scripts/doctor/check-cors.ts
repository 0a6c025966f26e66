// Browsers fetch S3 presigned links from the widget's origin (PUBLIC_URL): the bucket's CORS must
// allow that origin, GET with a Range header, and expose the headers pdf.js and media seeking read.

import { S3RenditionStore } from '../../proxy/renditions/s3-rendition-store.ts';
import type { DoctorContext } from './doctor-context.ts';
import { recordDate } from './doctor-context.ts';
import { type Finding, fromProblems, type Problem } from './finding.ts';
import { headerTokens, probe } from './http-probe.ts';
import { s3BackendFor } from './s3-client.ts';

const EXPOSED = ['accept-ranges', 'content-range', 'content-length', 'content-disposition'];

export async function checkCors(context: DoctorContext): Promise<Finding | undefined> {
  const { config } = context;
  const id = 'storage.cors';
  const title = 'Bucket CORS for the widget';
  const backend = s3BackendFor(config);
  const renditions = config.renditions?.storage.kind === 's3' ? config.renditions.storage : undefined;
  if ((!config.s3 || !backend) && !renditions) {
    if (!config.store) return undefined;
    return {
      id,
      title,
      status: 'pass',
      detail: 'not needed: store and relay links are served by the proxy, from the widget’s own origin',
    };
  }
  const origin = new URL(config.publicUrl).origin;
  const problems: Problem[] = [];
  const buckets: string[] = [];
  if (backend && config.s3)
    for (const bucket of config.s3.buckets) {
      buckets.push(bucket);
      // A presigned URL as the widget gets one; the object need not exist for a preflight.
      const probeUrl =
        context.s3Probe?.bucket === bucket
          ? context.s3Probe.url
          : (
              await backend.mint(
                { kind: 's3', bucket, key: 'attachment-viewer-doctor/cors-preflight' },
                { scan: 'clean', head: new Uint8Array() },
                {
                  disposition: 'inline',
                  contentType: 'application/octet-stream',
                  fileName: 'cors-preflight',
                  ttlSeconds: 60,
                },
              )
            ).url;
      problems.push(...(await preflightProblems(context, bucket, probeUrl, origin)));
    }
  // The widget fetches renditions from their own bucket as it fetches originals (docs/renditions.md).
  if (renditions && !buckets.includes(renditions.bucket)) {
    buckets.push(renditions.bucket);
    const store = new S3RenditionStore({ ...renditions, ttlMs: 60_000, linkTtlSeconds: 60 });
    try {
      const { url } = await store.link('doctor-cors-preflight', {
        contentType: 'application/pdf',
        fileName: 'cors-preflight.pdf',
        ttlSeconds: 60,
      });
      problems.push(...(await preflightProblems(context, renditions.bucket, url, origin)));
    } finally {
      store.close();
    }
  }

  const probeLink = context.s3Probe;
  const refused = new Set(problems.map((p) => p.detail));
  // A bucket that already refused the preflight needs no second sentence about the same rule.
  if (probeLink?.fetched && ![...refused].some((d) => d.startsWith(`bucket ${probeLink.bucket} `))) {
    try {
      const answer = await probe(probeLink.url, {
        timeoutMs: context.timeoutMs,
        headers: { origin, range: 'bytes=0-0' },
      });
      const exposed = headerTokens(answer.headers.get('access-control-expose-headers'));
      const missing = EXPOSED.filter((h) => !exposed.includes(h) && !exposed.includes('*'));
      const allowOrigin = answer.headers.get('access-control-allow-origin');
      if (allowOrigin !== origin && allowOrigin !== '*')
        problems.push({
          status: 'fail',
          detail: `a GET of s3://${probeLink.bucket}/${probeLink.key} from ${origin} carries no matching Access-Control-Allow-Origin.`,
          fix: corsFix(probeLink.bucket, origin),
        });
      else if (missing.length > 0)
        problems.push({
          status: 'warn',
          detail: `bucket ${probeLink.bucket} does not expose ${missing.join(', ')} to the widget: range loading (pdf.js), media seeking and file names need them.`,
          fix: corsFix(probeLink.bucket, origin),
        });
    } catch (error) {
      problems.push({
        status: 'fail',
        detail: `GET with Origin ${origin} failed: ${(error as Error).message}.`,
        fix: 'See the S3 link round trip check.',
      });
    }
  }
  return fromProblems(
    id,
    title,
    problems,
    `${buckets.join(', ')} allow GET with Range from ${origin}${probeLink?.fetched ? ` and expose ${EXPOSED.join(', ')}` : ''}`,
  );
}

function corsFix(bucket: string, origin: string): string {
  const rules = {
    CORSRules: [
      {
        AllowedOrigins: [origin],
        AllowedMethods: ['GET', 'HEAD'],
        AllowedHeaders: ['Range'],
        ExposeHeaders: ['Accept-Ranges', 'Content-Range', 'Content-Length', 'Content-Disposition'],
        MaxAgeSeconds: 3000,
      },
    ],
  };
  return `Give bucket ${bucket} this CORS rule (the origin is PUBLIC_URL, where the widget is served): aws s3api put-bucket-cors --bucket ${bucket} --cors-configuration '${JSON.stringify(rules)}'.`;
}

/** What a bucket's answer to the widget's CORS preflight (GET with a Range header) says is wrong. */
async function preflightProblems(
  context: DoctorContext,
  bucket: string,
  probeUrl: string,
  origin: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  let preflight: Awaited<ReturnType<typeof probe>>;
  try {
    preflight = await probe(probeUrl, {
      method: 'OPTIONS',
      timeoutMs: context.timeoutMs,
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range',
      },
    });
  } catch (error) {
    problems.push({
      status: 'fail',
      detail: `the preflight to ${new URL(probeUrl).origin} failed: ${(error as Error).message}.`,
      fix: 'See the S3 link round trip check.',
    });
    return problems;
  }
  recordDate(context, new URL(probeUrl).origin, preflight);
  const allowOrigin = preflight.headers.get('access-control-allow-origin');
  const methods = headerTokens(preflight.headers.get('access-control-allow-methods'));
  const headers = headerTokens(preflight.headers.get('access-control-allow-headers'));
  if (preflight.status >= 300 || (allowOrigin !== origin && allowOrigin !== '*'))
    problems.push({
      status: 'fail',
      detail: `bucket ${bucket} refuses the preflight from ${origin} (OPTIONS answered ${preflight.status}${allowOrigin ? `, Access-Control-Allow-Origin ${allowOrigin}` : ', no Access-Control-Allow-Origin'}): the widget cannot read any file of it ("Failed to fetch").`,
      fix: corsFix(bucket, origin),
    });
  else if (
    (methods.length > 0 && !methods.includes('get')) ||
    (!headers.includes('range') && !headers.includes('*'))
  )
    problems.push({
      status: 'fail',
      detail: `bucket ${bucket} allows ${origin} but not GET with a Range header (methods ${methods.join(', ') || '-'}; headers ${headers.join(', ') || '-'}): PDFs and media cannot load.`,
      fix: corsFix(bucket, origin),
    });
  return problems;
}
