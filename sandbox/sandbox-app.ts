// The sandbox Genesys org: an Express app emulating the login service and the Platform API subset
// the product calls, served from one origin so the real SDK reaches it through setGateway().
// This factory never listens; start-sandbox.ts does.
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { activeConversationsRoute } from './api/active-conversations-route.ts';
import { analyticsQueryRoute } from './api/analytics-route.ts';
import {
  conversationRoute,
  emailMessageRoute,
  emailMessagesRoute,
  messageConversationRoute,
  messagesBulkRoute,
  recordingsRoute,
} from './api/conversation-routes.ts';
import { downloadRoute } from './api/download-route.ts';
import { tokensMeRoute, usersMeRoute } from './api/identity-routes.ts';
import { requireBearer } from './api/require-bearer.ts';
import { requirePermission } from './api/require-permission.ts';
import { CallCounter } from './control/call-counter.ts';
import { controlRoutes } from './control/control-routes.ts';
import { endpointGuard } from './control/endpoint-guard.ts';
import type { EndpointName } from './control/endpoint-names.ts';
import { FaultTable } from './control/faults.ts';
import { createSandboxControl, type SandboxControl } from './control/sandbox-control.ts';
import { defaultShapes } from './control/shapes.ts';
import { ConversationFileError } from './data/conversation-files.ts';
import { loadOrgData } from './data/load-org-data.ts';
import { OrgDirectory } from './data/org-directory.ts';
import { signedFilePreflightRoute, signedFileRoute } from './files/signed-file-route.ts';
import { sendGenesysError } from './genesys-errors.ts';
import { NotificationHub } from './notifications/notification-hub.ts';
import { AuthorizationCodes } from './oauth/authorization-codes.ts';
import { authorizeRoute } from './oauth/authorize-route.ts';
import { tokenRoute } from './oauth/token-route.ts';
import { assignCorrelationId } from './request-context.ts';
import { queryBoolean } from './request-query.ts';
import { resolveSettings, type SandboxLogger, type SandboxOptions } from './sandbox-options.ts';
import type { SandboxState } from './sandbox-state.ts';
import { TokenStore } from './token-store.ts';

export interface SandboxApp {
  app: Express;
  control: SandboxControl;
  /** Ends responses held open by hang faults and stops slow bodies; call it before closing the server. */
  releaseHeldResponses(): void;
  /** Notification channels; attach it to the HTTP server for their WebSockets. */
  notifications: NotificationHub;
}

export function createSandboxApp(options: SandboxOptions): SandboxApp {
  const settings = resolveSettings(options);
  const directory = new OrgDirectory(loadOrgData(options.dataDir));
  if (settings.defaultUser !== undefined && directory.userByLoginHint(settings.defaultUser) === undefined) {
    throw new Error(`sandbox option defaultUser: no user "${settings.defaultUser}" in users.json`);
  }
  const tokens = new TokenStore(settings.now);
  tokens.addStatic(directory.data.users);
  const state: SandboxState = {
    directory,
    tokens,
    codes: new AuthorizationCodes(settings.now),
    settings,
    guard: { faults: new FaultTable(), calls: new CallCounter(), held: new Set(), timers: new Set() },
    shapes: defaultShapes(),
  };
  const notifications = new NotificationHub(state);
  const control = createSandboxControl(state, options.defaultUser, notifications);

  const guard = (endpoint: EndpointName) => endpointGuard(endpoint, state.guard);
  const userById = (id: string) => directory.user(id);
  const bearer = requireBearer({ tokens, userById });
  const bearerKeepingIdleTimer = requireBearer(
    { tokens, userById },
    { preservesIdleTimer: (req) => queryBoolean(req, 'preserveIdleTTL') === true },
  );
  // The Platform API and the login service's token endpoint are called from browsers on any origin.
  const browserCors = cors({
    origin: true,
    exposedHeaders: ['inin-correlation-id', 'Retry-After', 'Location'],
    maxAge: 600,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(assignCorrelationId);

  app.options('/__sandbox/files/:downloadId', signedFilePreflightRoute(state));
  app.get('/__sandbox/files/:downloadId', guard('downloads.file'), signedFileRoute(state));
  app.use('/__sandbox', express.json({ limit: '64kb' }), controlRoutes(control));

  app.get('/oauth/authorize', guard('oauth.authorize'), authorizeRoute(state));
  app.use('/oauth/token', browserCors);
  app.post(
    '/oauth/token',
    guard('oauth.token'),
    express.urlencoded({ extended: false, limit: '16kb' }),
    tokenRoute(state),
  );

  app.use('/api', browserCors);
  app.get('/api/v2/users/me', guard('users.me'), bearer, requirePermission('users.me'), usersMeRoute(state));
  app.get('/api/v2/tokens/me', guard('tokens.me'), bearerKeepingIdleTimer, tokensMeRoute(state));
  app.get(
    '/api/v2/conversations',
    guard('conversations.list'),
    bearer,
    requirePermission('conversations.list'),
    activeConversationsRoute(state),
  );
  app.get(
    '/api/v2/conversations/messages/:conversationId',
    guard('conversations.messages.get'),
    bearer,
    requirePermission('conversations.messages.get'),
    messageConversationRoute(state),
  );
  app.post(
    '/api/v2/conversations/messages/:conversationId/messages/bulk',
    guard('messages.bulk'),
    bearer,
    requirePermission('messages.bulk'),
    express.json({ limit: '1mb' }),
    messagesBulkRoute(state),
  );
  app.get(
    '/api/v2/conversations/emails/:conversationId/messages',
    guard('emails.list'),
    bearer,
    requirePermission('emails.list'),
    emailMessagesRoute(state),
  );
  app.get(
    '/api/v2/conversations/emails/:conversationId/messages/:messageId',
    guard('emails.get'),
    bearer,
    requirePermission('emails.get'),
    emailMessageRoute(state),
  );
  app.get(
    '/api/v2/conversations/:conversationId/recordings',
    guard('recordings'),
    bearer,
    requirePermission('recordings'),
    recordingsRoute(state),
  );
  app.get(
    '/api/v2/conversations/:conversationId',
    guard('conversations.get'),
    bearer,
    requirePermission('conversations.get'),
    conversationRoute(state),
  );
  app.get(
    '/api/v2/downloads/:downloadId',
    guard('downloads'),
    bearer,
    requirePermission('downloads'),
    downloadRoute(state),
  );
  app.post(
    '/api/v2/notifications/channels',
    guard('notifications.channels'),
    bearer,
    requirePermission('notifications.channels'),
    notifications.createChannelRoute(),
  );
  app.put(
    '/api/v2/notifications/channels/:channelId/subscriptions',
    guard('notifications.subscriptions'),
    bearer,
    requirePermission('notifications.subscriptions'),
    express.json({ limit: '64kb' }),
    notifications.subscriptionsRoute(),
  );
  app.post(
    '/api/v2/analytics/conversations/details/query',
    guard('analytics.query'),
    bearer,
    requirePermission('analytics.query'),
    express.json({ limit: '64kb' }),
    analyticsQueryRoute(state),
  );

  app.use((_req: Request, res: Response) => sendGenesysError(res, 404));
  app.use(errorHandler(settings.logger));

  return {
    app,
    control,
    notifications,
    releaseHeldResponses: () => {
      for (const timer of state.guard.timers) clearTimeout(timer);
      state.guard.timers.clear();
      for (const res of state.guard.held) res.destroy();
      state.guard.held.clear();
    },
  };
}

function errorHandler(logger: SandboxLogger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    if (type === 'entity.parse.failed') {
      return sendGenesysError(res, 400, { message: 'The request body is not valid JSON.' });
    }
    if (type === 'entity.too.large') return sendGenesysError(res, 413);
    if (typeof status === 'number' && status >= 400 && status < 500) return sendGenesysError(res, 400);
    if (error instanceof ConversationFileError) {
      logger.warn(error.message);
      return sendGenesysError(res, 500, { message: `Sandbox data error: ${error.message}` });
    }
    logger.error(`unexpected error on ${req.method} ${req.path}`, error);
    sendGenesysError(res, 500);
  };
}
