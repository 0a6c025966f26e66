import type { Request } from 'express';

/** A query parameter given exactly once; repeated or missing parameters give undefined. */
export function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a list parameter, whether sent as a=x&a=y, a[]=x (axios's default) or a=x,y. */
export function queryList(req: Request, name: string): string[] {
  const query = req.query as Record<string, unknown>;
  return [query[name], query[`${name}[]`]]
    .flat()
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A boolean query parameter ("true"/"false", any case); undefined when absent or anything else. */
export function queryBoolean(req: Request, name: string): boolean | undefined {
  const value = queryParam(req, name)?.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
