// Runs first on every emulated endpoint: counts the call, then plays the fault set for it, if any.
import type { RequestHandler, Response } from 'express';
import { sendGenesysError, sendMissingPermission } from '../genesys-errors.ts';
import { type OAuthErrorCode, sendLoginErrorPage, sendOAuthError } from '../oauth/oauth-errors.ts';
import type { CallCounter } from './call-counter.ts';
import type { EndpointName } from './endpoint-names.ts';
import { type FaultStatus, type FaultTable, isAnswerFault } from './faults.ts';
import { dribbleBody } from './slow-body.ts';

export interface EndpointGuardState {
  faults: FaultTable;
  calls: CallCounter;
  /** Responses held open by a hang fault, ended by shutdown. */
  held: Set<Response>;
  /** Timers of slow bodies in progress, cleared by shutdown. */
  timers: Set<NodeJS.Timeout>;
}

// A body cut off mid-value, as a proxy or a crashed upstream would leave it.
const malformedJson = '{"id":"5c2b0d8e-7a1f-4e0c-9b1e-0d6f2a3c4b5d","participants":[{"id":';

export function endpointGuard(endpoint: EndpointName, state: EndpointGuardState): RequestHandler {
  return (req, res, next) => {
    const query = req.originalUrl.indexOf('?');
    state.calls.record(endpoint, query < 0 ? '' : req.originalUrl.slice(query + 1));
    const fault = state.faults.forEndpoint(endpoint);
    // Answer faults are played by the route, after the token and permission checks.
    if (fault === undefined || isAnswerFault(fault)) return next();
    if ('status' in fault) {
      if (
        fault.missingPermission !== undefined &&
        endpoint !== 'oauth.token' &&
        endpoint !== 'oauth.authorize'
      )
        return sendMissingPermission(res, fault.missingPermission);
      return sendFaultStatus(endpoint, res, fault.status, fault.retryAfter);
    }
    if ('hang' in fault) {
      state.held.add(res);
      res.once('close', () => state.held.delete(res));
      return;
    }
    if ('malformed' in fault) {
      res.status(200).type('application/json').send(malformedJson);
      return;
    }
    dribbleBody(res, fault.slowBodyMs, state.timers);
    next();
  };
}

const oauthCodes: Record<FaultStatus, OAuthErrorCode> = {
  401: 'invalid_client',
  403: 'unauthorized_client',
  404: 'invalid_request',
  429: 'temporarily_unavailable',
  500: 'server_error',
  502: 'server_error',
  503: 'temporarily_unavailable',
};

function sendFaultStatus(
  endpoint: EndpointName,
  res: Response,
  status: FaultStatus,
  retryAfter?: number,
): void {
  const retry = retryAfter ?? (status === 429 ? 1 : undefined);
  if (endpoint === 'oauth.token') {
    sendOAuthError(res, status, oauthCodes[status], `sandbox fault: status ${status}`, retry);
  } else if (endpoint === 'oauth.authorize') {
    if (retry !== undefined) res.setHeader('Retry-After', String(retry));
    sendLoginErrorPage(res, status, 'Sign-in is unavailable', `Sandbox fault: status ${status}.`);
  } else {
    sendGenesysError(res, status, retry === undefined ? {} : { retryAfter: retry });
  }
}
