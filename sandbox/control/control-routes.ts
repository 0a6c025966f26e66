// /__sandbox/ control routes: call counts, faults, tokens and sign-in settings over HTTP, for
// tests in other processes and for the demo. The sandbox listens on loopback only.
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { sendGenesysError } from '../genesys-errors.ts';
import { type FaultTableEntries, faultTableSchema } from './faults.ts';
import type { SandboxControl } from './sandbox-control.ts';
import { shapeSwitchesSchema } from './shapes.ts';

const usernameBody = z.strictObject({ username: z.string().min(1) });
const issueTokenBody = z.strictObject({
  username: z.string().min(1),
  ttlSeconds: z.number().int().positive().optional(),
  idleTimeoutSeconds: z.number().int().positive().optional(),
});
const redirectUriBody = z.strictObject({ uri: z.url() });

/** The request body as the schema parses it, or undefined once a 400 with zod's explanation is sent. */
function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  sendGenesysError(res, 400, { message: z.prettifyError(parsed.error) });
  return undefined;
}

export function controlRoutes(control: SandboxControl): Router {
  const router = Router();

  // Announce that a conversation's data changed, to its readers' notification channels.
  router.post('/conversations/:conversationId/touch', (req, res) => {
    res.json({ delivered: control.touchConversation(req.params.conversationId) });
  });

  router.get('/calls', (_req, res) => {
    res.json(control.calls());
  });
  router.delete('/calls', (_req, res) => {
    control.resetCalls();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json(control.faults());
  });
  // PUT replaces the whole table: the body is the complete set of faults wanted from now on.
  router.put('/faults', (req, res) => {
    const entries = parseBody(faultTableSchema, req, res);
    if (entries === undefined) return;
    control.clearFaults();
    for (const [target, fault] of Object.entries(entries as FaultTableEntries)) {
      if (fault !== undefined) control.setFault(target as keyof FaultTableEntries, fault);
    }
    res.json(control.faults());
  });
  router.delete('/faults', (_req, res) => {
    control.clearFaults();
    res.status(204).end();
  });

  router.get('/shapes', (_req, res) => {
    res.json(control.shapes());
  });
  // PUT changes the switches it names; the others keep their setting.
  router.put('/shapes', (req, res) => {
    const shapes = parseBody(shapeSwitchesSchema, req, res);
    if (shapes === undefined) return;
    res.json(control.setShapes(shapes));
  });
  router.delete('/shapes', (_req, res) => {
    control.resetShapes();
    res.status(204).end();
  });

  router.get('/tokens', (_req, res) => {
    res.json(control.staticTokens());
  });
  router.post('/tokens', (req, res) => {
    const body = parseBody(issueTokenBody, req, res);
    if (body === undefined) return;
    try {
      const options = {
        ...(body.ttlSeconds === undefined ? {} : { ttlSeconds: body.ttlSeconds }),
        ...(body.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: body.idleTimeoutSeconds }),
      };
      res
        .status(201)
        .json({ access_token: control.issueToken(body.username, options), token_type: 'bearer' });
    } catch (error) {
      sendGenesysError(res, 400, { message: (error as Error).message });
    }
  });
  // Signs every browser session out (the demo desktop's user chooser): issued tokens only.
  router.delete('/tokens', (_req, res) => {
    res.json({ revoked: control.revokeIssuedTokens() });
  });
  router.delete('/tokens/:token', (req, res) => {
    if (control.revokeToken(req.params.token)) res.status(204).end();
    else sendGenesysError(res, 404, { message: 'No such token.' });
  });

  router.put('/default-user', (req, res) => {
    const body = parseBody(usernameBody, req, res);
    if (body === undefined) return;
    try {
      control.setDefaultUser(body.username);
      res.status(204).end();
    } catch (error) {
      sendGenesysError(res, 400, { message: (error as Error).message });
    }
  });
  router.delete('/default-user', (_req, res) => {
    control.setDefaultUser(undefined);
    res.status(204).end();
  });

  router.post('/redirect-uris', (req, res) => {
    const body = parseBody(redirectUriBody, req, res);
    if (body === undefined) return;
    control.addRedirectUri(body.uri);
    res.status(204).end();
  });

  return router;
}
