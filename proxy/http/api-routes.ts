import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { DetectionRules } from '../../core/detection-rules.ts';
import type { StatusResponse } from '../../core/proxy-api.ts';
import { errors } from '../errors.ts';
import type { LinkService } from '../links/link-service.ts';
import { partSelector } from '../renditions/conversion-queue.ts';
import type { RenditionService } from '../renditions/rendition-service.ts';
import { callerOf } from './authenticate.ts';

const conversationId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'conversationId must be a Genesys conversation id');
const linkRequest = z
  .object({
    conversationId,
    attachmentId: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'attachmentId must be an id returned by the attachments call'),
    disposition: z.enum(['inline', 'attachment']).default('inline'),
    rendition: z.enum(['pdf', 'jpeg', 'email', 'archive', 'thumbnail']).optional(),
    part: partSelector.optional(),
  })
  .strict()
  .refine((b) => !b.rendition || b.disposition === 'inline', {
    message: 'a rendition is only shown inline (download the original instead)',
    path: ['disposition'],
  })
  .refine((b) => !b.part || b.disposition === 'inline', {
    message: 'a file inside an email or archive is only shown inline',
    path: ['disposition'],
  })
  .refine((b) => !(b.part && b.rendition), {
    message: 'name a part or a rendition, not both (a part is converted when it needs to be)',
    path: ['part'],
  });

export interface ApiRoutesOptions {
  links: LinkService;
  /** Absent when renditions are off (no RENDITIONS_DIR). */
  renditions?: RenditionService;
  rules: DetectionRules;
  linkTtlSeconds: number;
  authenticate: RequestHandler;
  userRateLimit: RequestHandler;
}

/** The JSON API the widget calls. Every route requires a verified Genesys token. */
export function apiRoutes(options: ApiRoutesOptions): Router {
  const router = Router();
  router.use(options.authenticate, options.userRateLimit);

  router.get('/session', (_req, res) => {
    const { principal } = callerOf(res);
    res.json({
      user: { id: principal.userId, name: principal.name },
      organizationId: principal.orgId,
      region: principal.region,
    });
  });

  router.get('/config', (_req, res) => {
    res.json({ detectionRules: options.rules, linkTtlSeconds: options.linkTtlSeconds });
  });

  router.get('/conversations/:conversationId/attachments', async (req, res) => {
    const id = conversationId.safeParse(req.params.conversationId);
    if (!id.success) throw errors.invalidRequest(id.error.issues[0]?.message ?? 'bad conversation id');
    const { attachments, unread } = await options.links.status(callerOf(res), id.data);
    res.json({
      conversationId: id.data,
      attachments,
      ...(unread.length === 0 ? {} : { unread }),
    } satisfies StatusResponse);
  });

  router.post('/links', async (req, res) => {
    const body = linkRequest.safeParse(req.body);
    if (!body.success)
      throw errors.invalidRequest(
        body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      );
    const { conversationId: conv, attachmentId, disposition, rendition, part } = body.data;
    if (part) {
      if (!options.renditions) throw errors.renditionUnavailable();
      res.json(await options.renditions.mintPart(callerOf(res), conv, attachmentId, part));
      return;
    }
    if (rendition) {
      if (!options.renditions) throw errors.renditionUnavailable();
      res.json(await options.renditions.mint(callerOf(res), conv, attachmentId, rendition));
      return;
    }
    res.json(await options.links.mint(callerOf(res), conv, attachmentId, disposition));
  });

  return router;
}
