// Starts the sandbox org on a loopback port. Point the Platform SDK at it with
// setGateway({ host: '127.0.0.1', protocol: 'http', port, path_params_login: '', path_params_api: '' }).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxControl } from './control/sandbox-control.ts';
import { createSandboxApp } from './sandbox-app.ts';
import type { SandboxOptions } from './sandbox-options.ts';

export interface StartSandboxOptions extends SandboxOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
}

export interface RunningSandbox {
  /** e.g. "http://127.0.0.1:41234", no trailing slash. */
  url: string;
  port: number;
  control: SandboxControl;
  /** Stops listening, drops held and open connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options;
  // The control routes change what tokens and data the sandbox accepts: never expose them.
  if (!loopbackHosts.has(host)) throw new Error(`the sandbox listens on loopback only, not on "${host}"`);
  const sandbox = createSandboxApp(sandboxOptions);
  const server = createServer(sandbox.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;
  const url = `http://${urlHost}:${actualPort}`;
  sandbox.notifications.attach(server, url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    control: sandbox.control,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        sandbox.releaseHeldResponses();
        sandbox.notifications.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
