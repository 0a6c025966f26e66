// The permissions Genesys requires of each Platform API call (core/platform-permissions.ts), checked
// after the bearer token: a user whose roles grant none of them gets 403 missing.permissions.
import type { RequestHandler } from 'express';
import { allowsCall, type PlatformCall, platformCallRequirements } from '../../core/platform-permissions.ts';
import { sendMissingPermission } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';

export function requirePermission(call: PlatformCall): RequestHandler {
  const { anyPermission } = platformCallRequirements[call];
  return (_req, res, next) => {
    if (allowsCall(callerOf(res).user.permissions, call)) return next();
    sendMissingPermission(res, anyPermission);
  };
}
