// Express swaps the prototype of every request and response for the app's own (app.handle calls
// Object.setPrototypeOf), which sends V8's property caches in Node's HTTP code megamorphic: on the
// benchmark machine a bare Express answer costs 185 µs of CPU with the swap and 82 µs without
// (docs/performance.md). Node builds requests and responses from the classes a server is given, so
// they can be born with the app's prototypes, and Express's swap becomes a no-op. expressjs/express#5998.
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

export interface ExpressServerOptions {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * `http.createServer`/`https.createServer` options whose requests and responses are born as `app`'s.
 * Classes extending Node's own (constructed the way Node expects) slot in between the app's
 * prototypes and the instances, and become the app's `request`/`response`, the prototypes
 * app.handle sets: every method Express and the app added stays on the chain. Call it after the app
 * is built (sub-apps mounted earlier keep working, they just swap prototypes as before).
 */
export function expressServerOptions(app: Express): ExpressServerOptions {
  // Once per app: a second layer would leave the first server's requests with foreign prototypes.
  const made = madeFor.get(app);
  if (made) return made;
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as typeof app.request;
  app.response = AppResponse.prototype as typeof app.response;
  const options = { IncomingMessage: AppRequest, ServerResponse: AppResponse as typeof ServerResponse };
  madeFor.set(app, options);
  return options;
}

const madeFor = new WeakMap<Express, ExpressServerOptions>();
