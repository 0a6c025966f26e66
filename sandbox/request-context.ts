// Per-request values the handlers share through res.locals, behind typed accessors.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { SandboxUser } from './data/org-data-schema.ts';
import type { TokenRecord } from './token-store.ts';

/** Every Genesys response carries an inin-correlation-id; error bodies repeat it as contextId. */
export const assignCorrelationId: RequestHandler = (_req, res, next) => {
  const id = randomUUID();
  res.locals.correlationId = id;
  res.setHeader('inin-correlation-id', id);
  next();
};

export function correlationIdOf(res: Response): string {
  return typeof res.locals.correlationId === 'string' ? res.locals.correlationId : '';
}

export interface Caller {
  user: SandboxUser;
  token: TokenRecord;
}

export function setCaller(res: Response, caller: Caller): void {
  res.locals.caller = caller;
}

/** The authenticated caller; only call this behind requireBearer. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('callerOf used on a route without requireBearer');
  return caller;
}
