// GET /ref/<key>: the stable link seed pipelines put into conversations, CRM cases and emails, clicked
// outside the widget. It carries no authority: it sends the browser to the widget's own page in `ref`
// mode, where the agent signs in with Genesys and the file opens only if the agent can read a
// conversation that references the key (the proxy's usual link checks, audited as every link).
// Genesys has no API that finds a conversation by its attachments (docs/genesys-platform.md §10), so
// the link should name its conversation: `?conversationId=<id>`, which the seed integrations add;
// without it the widget looks only through the agent's active (and a reviewer's recent) conversations.
import type { RequestHandler } from 'express';
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import { storageKeyProblem } from '../../core/storage-key.ts';

const CONVERSATION_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface RefRouteOptions {
  /** The region the widget signs in to (the first of GENESYS_REGIONS; `?region=` picks another). */
  regions: readonly GenesysRegion[];
}

export function refRoute({ regions }: RefRouteOptions): RequestHandler {
  return (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const rawPath = req.originalUrl.split('?')[0] ?? '';
    let key: string;
    try {
      // Decoded exactly once, as detection decodes the same link (docs/architecture.md).
      key = decodeURIComponent(rawPath.slice('/ref/'.length));
    } catch {
      return void res.status(400).type('text/plain').send('This link is damaged: its file key is not valid.');
    }
    if (storageKeyProblem(key) !== undefined)
      return void res.status(400).type('text/plain').send('This link is damaged: its file key is not valid.');
    const conversationId =
      typeof req.query.conversationId === 'string' ? req.query.conversationId : undefined;
    const askedRegion = typeof req.query.region === 'string' ? req.query.region : undefined;
    const region = regions.find((r) => r.tld === askedRegion) ?? regions[0];
    if (!region)
      return void res.status(503).type('text/plain').send('The viewer has no Genesys Cloud region.');
    const target = new URLSearchParams({ mode: 'ref', ref: key, pcEnvironment: region.tld });
    // A malformed id is left out: the page then says the link does not name its conversation.
    if (conversationId !== undefined && CONVERSATION_ID.test(conversationId))
      target.set('conversationId', conversationId);
    res.redirect(303, `/?${target}`);
  };
}
