// GET /api/v2/downloads/{downloadId}: turns a Genesys-hosted file reference into a short-lived
// signed URL, as a 303 redirect (issueRedirect, the default) or as Models.UrlResponse.
import type { Request, RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { contentDispositions, signedFilePath } from '../files/signed-file-url.ts';
import { sendGenesysError, sendNotFound } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';
import { queryBoolean, queryParam } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';

export function downloadRoute(state: SandboxState): RequestHandler<{ downloadId: string }> {
  const { directory, settings } = state;
  return (req, res) => {
    const { user } = callerOf(res);
    const { downloadId } = req.params;
    if (!directory.isHomeOrgUser(user) || !Object.hasOwn(directory.data.downloads, downloadId)) {
      return sendNotFound(res, 'download');
    }
    const requested = queryParam(req, 'contentDisposition') ?? 'attachment';
    const disposition = contentDispositions.find((d) => d === requested);
    if (disposition === undefined) {
      return sendGenesysError(res, 400, {
        code: 'invalid.value',
        message: `contentDisposition must be one of ${contentDispositions.join(', ')}.`,
      });
    }
    const expires = Math.floor(settings.now() / 1000) + settings.downloadUrlTtlSeconds;
    const url = `${publicOrigin(req, settings.publicUrl)}${signedFilePath(settings.signingSecret, {
      downloadId,
      disposition,
      expires,
    })}`;
    if (queryBoolean(req, 'issueRedirect') === false) {
      res.json({ url } satisfies Models.UrlResponse);
      return;
    }
    res.redirect(303, url);
  };
}

// The sandbox listens on loopback only, so the Host header names itself.
function publicOrigin(req: Request, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
