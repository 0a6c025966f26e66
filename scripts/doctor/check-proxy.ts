// The running proxy, from outside: it answers, storage is ready behind it, Genesys may frame the
// widget page (and nothing may frame the API), and it serves the configuration this host has.
import { parseJsonOrUndefined } from '../../core/json-access.ts';
import { type DoctorContext, recordDate } from './doctor-context.ts';
import { type Finding, fromProblems, type Problem, skip } from './finding.ts';
import { certificateAdvice, type ProbeError, type ProbeResponse, parseCsp, probe } from './http-probe.ts';

/** /healthz and /readyz; sets `context.proxyReachable` for the checks that go through the proxy. */
export async function checkProxyHealth(context: DoctorContext): Promise<Finding> {
  const id = 'proxy.health';
  const title = `Proxy at ${context.proxyUrl}`;
  const problems: Problem[] = [];
  const url = new URL(context.proxyUrl);
  if (url.protocol !== 'https:' && context.config.env === 'production')
    problems.push({
      status: 'fail',
      detail: `${context.proxyUrl} is plain HTTP: Genesys Cloud (an https page) cannot frame it.`,
      fix: 'Serve the proxy over HTTPS (TLS_CERT_FILE/TLS_KEY_FILE, or TLS at the load balancer) and check https://<host>.',
    });
  let health: ProbeResponse;
  try {
    health = await probe(`${context.proxyUrl}/healthz`, { timeoutMs: context.timeoutMs });
  } catch (error) {
    const e = error as ProbeError;
    const cert = certificateAdvice(e.code);
    return {
      id,
      title,
      status: 'fail',
      detail: `does not answer: ${e.message}.`,
      fix: cert
        ? `Browsers refuse it too, because ${cert}: install a certificate from a public CA for ${url.hostname}.`
        : `Start the proxy (npm run serve) or fix the address: check --proxy-url / PUBLIC_URL, DNS for ${url.hostname}, and that the firewall or load balancer forwards to the proxy's HOST:PORT (${context.config.host}:${context.config.port}).`,
    };
  }
  context.proxyReachable = true;
  recordDate(context, context.proxyUrl, health);
  if (health.status !== 200 || !health.text.includes('"ok"'))
    problems.push({
      status: 'fail',
      detail: `/healthz answered ${health.status}, not the proxy's {"status":"ok"}: something else answers at ${context.proxyUrl}.`,
      fix: 'Point the load balancer (and --proxy-url / PUBLIC_URL) at the proxy itself.',
    });
  let ready = '';
  try {
    const readyz = await probe(`${context.proxyUrl}/readyz`, { timeoutMs: context.timeoutMs });
    // The public /readyz says only whether; which dependency is down is on the metrics listener
    // (docs/security.md, finding 8), which the doctor reads when it runs beside the proxy.
    const checks = (await readinessDetails(context)) ?? {};
    const details = Object.entries(checks)
      .map(([name, state]) => `${name} ${state}`)
      .join(', ');
    ready = details || (readyz.status === 200 ? 'ready' : 'not ready');
    const down = Object.entries(checks).filter(([, state]) => state !== 'ok');
    for (const [name] of down)
      problems.push(
        name === 'redis'
          ? {
              status: 'warn',
              detail:
                'the proxy reports Redis unavailable: each replica runs on its own cache and rate limits.',
              fix: 'See the Redis check below.',
            }
          : {
              status: 'fail',
              detail: `/readyz: the proxy cannot reach its ${name} storage (${readyz.status}); links fail with 503.`,
              fix: 'See the storage checks below; the proxy uses the same settings.',
            },
      );
    if (readyz.status !== 200 && down.length === 0)
      problems.push({
        status: 'fail',
        detail: `/readyz answered ${readyz.status}.`,
        fix: context.config.metrics
          ? 'Read the proxy’s log for the failing dependency.'
          : 'Read the proxy’s log for the failing dependency, or set METRICS_PORT and run the doctor beside the proxy: its /readyz there names it.',
      });
  } catch (error) {
    problems.push({
      status: 'fail',
      detail: `/readyz does not answer: ${(error as Error).message}.`,
      fix: 'The proxy hangs on a dependency: read its log.',
    });
  }
  return fromProblems(id, title, problems, `/healthz ok; /readyz ${ready || 'ready'}`);
}

/** The checks of the proxy's private /readyz on METRICS_PORT, when configured and reachable from here. */
async function readinessDetails(context: DoctorContext): Promise<Record<string, string> | undefined> {
  const metrics = context.config.metrics;
  if (!metrics) return undefined;
  const host = metrics.host === '0.0.0.0' ? '127.0.0.1' : metrics.host === '::' ? '[::1]' : metrics.host;
  try {
    const response = await probe(`http://${host}:${metrics.port}/readyz`, { timeoutMs: context.timeoutMs });
    const body = parseJsonOrUndefined(response.text) as { checks?: Record<string, string> } | undefined;
    return body?.checks;
  } catch {
    return undefined;
  }
}

/** The widget page (frame-ancestors for Genesys, no X-Frame-Options) and /widget-config.json. */
export async function checkWidgetPage(context: DoctorContext): Promise<Finding> {
  const id = 'proxy.widget';
  const title = 'Widget page and its framing policy';
  if (!context.proxyReachable) return skip(id, title, 'skipped: the proxy does not answer');
  const problems: Problem[] = [];
  const expected = context.config.frameAncestors;
  let page: ProbeResponse | undefined;
  try {
    page = await probe(`${context.proxyUrl}/`, {
      timeoutMs: context.timeoutMs,
      headers: { accept: 'text/html' },
    });
  } catch (error) {
    problems.push({
      status: 'fail',
      detail: `GET / failed: ${(error as Error).message}.`,
      fix: 'Read the proxy’s log.',
    });
  }
  if (page && (page.status !== 200 || !(page.headers.get('content-type') ?? '').includes('text/html')))
    problems.push({
      status: 'fail',
      detail: `GET / answered ${page.status} ${page.headers.get('content-type') ?? ''}: the proxy serves no widget.`,
      fix: `Build the widget (npm run build) before starting the proxy, so that WIDGET_DIR (${context.config.widgetDir}) holds index.html.`,
    });
  else if (page) {
    context.widgetCsp = parseCsp(page.headers.get('content-security-policy'));
    const ancestors = context.widgetCsp.get('frame-ancestors');
    if (!ancestors)
      problems.push({
        status: 'fail',
        detail:
          'the widget page has no CSP frame-ancestors: something in front replaced the proxy’s Content-Security-Policy.',
        fix: 'Let the load balancer pass the proxy’s Content-Security-Policy header through unchanged.',
      });
    else {
      const missing = expected.filter((o) => !ancestors.includes(o));
      if (missing.length > 0)
        problems.push({
          status: 'fail',
          detail: `frame-ancestors is "${ancestors.join(' ')}", without ${missing.join(', ')}: Agent Workspace there shows an empty panel (the browser refuses to frame the widget).`,
          fix: `The running proxy has other regions than these settings: set GENESYS_REGIONS (and EXTRA_FRAME_ANCESTORS) so that frame-ancestors lists ${expected.join(' ')}, and restart every replica.`,
        });
      const broad = ancestors.filter((s) => s === '*' || /^https?:$/.test(s) || s === "'none'");
      if (broad.length > 0)
        problems.push({
          status: 'fail',
          detail: `frame-ancestors contains ${broad.join(' ')}.`,
          fix: 'List exact origins only (https://apps.<tld>); fix EXTRA_FRAME_ANCESTORS.',
        });
    }
    if (page.headers.get('x-frame-options'))
      problems.push({
        status: 'fail',
        detail: `the widget page carries X-Frame-Options: ${page.headers.get('x-frame-options')}, which forbids Genesys to frame it in browsers that prefer it to CSP.`,
        fix: 'Remove X-Frame-Options at the load balancer (the proxy sends frame-ancestors instead).',
      });
  }

  try {
    const answer = await probe(`${context.proxyUrl}/widget-config.json`, { timeoutMs: context.timeoutMs });
    const body = parseJsonOrUndefined(answer.text) as { oauthClientId?: unknown } | undefined;
    const served = typeof body?.oauthClientId === 'string' ? body.oauthClientId : '';
    const configured = context.config.genesys.oauthClientId ?? '';
    if (answer.status === 200 && served === '')
      problems.push({
        status: 'fail',
        detail: '/widget-config.json has no oauthClientId: the widget cannot sign agents in.',
        fix: 'Set GENESYS_OAUTH_CLIENT_ID on the proxy and restart it.',
      });
    else if (answer.status === 200 && configured !== '' && served !== configured)
      problems.push({
        status: 'fail',
        detail: `the running proxy serves OAuth client ${served} but these settings say ${configured}: it runs with another configuration.`,
        fix: 'Restart every replica with the same settings (GENESYS_OAUTH_CLIENT_ID).',
      });
    else if (answer.status !== 200 && page?.status === 200)
      problems.push({
        status: 'fail',
        detail: `/widget-config.json answered ${answer.status}.`,
        fix: 'Serve the widget through the proxy itself, which writes widget-config.json from its settings.',
      });
  } catch (error) {
    problems.push({
      status: 'fail',
      detail: `/widget-config.json failed: ${(error as Error).message}.`,
      fix: 'Read the proxy’s log.',
    });
  }
  return fromProblems(
    id,
    title,
    problems,
    `served; frame-ancestors ${expected.join(' ')}; no X-Frame-Options; widget-config.json names OAuth client ${context.config.genesys.oauthClientId ?? ''}`,
  );
}

/** An API answer: 401 with a Bearer challenge, never framable, never cached, never sniffed. */
export async function checkApiHeaders(context: DoctorContext): Promise<Finding> {
  const id = 'proxy.api';
  const title = 'API answers';
  if (!context.proxyReachable) return skip(id, title, 'skipped: the proxy does not answer');
  let answer: ProbeResponse;
  try {
    const regions = context.config.genesys.regions;
    answer = await probe(`${context.proxyUrl}/api/v1/session`, {
      timeoutMs: context.timeoutMs,
      // With several regions the proxy wants to know which one before it looks at the token.
      headers: regions.length > 1 && regions[0] ? { 'x-genesys-region': regions[0].tld } : {},
    });
  } catch (error) {
    return {
      id,
      title,
      status: 'fail',
      detail: `GET /api/v1/session failed: ${(error as Error).message}.`,
      fix: 'Read the proxy’s log.',
    };
  }
  const problems: Problem[] = [];
  if (answer.status !== 401 || !/^bearer/i.test(answer.headers.get('www-authenticate') ?? ''))
    problems.push({
      status: 'fail',
      detail: `/api/v1/session without a token answered ${answer.status}${answer.headers.get('www-authenticate') ? '' : ' without WWW-Authenticate: Bearer'}, not 401.`,
      fix: 'Route /api/v1 to the proxy unchanged (no authentication or caching layer in front of it).',
    });
  const ancestors = parseCsp(answer.headers.get('content-security-policy')).get('frame-ancestors');
  if (ancestors?.join(' ') !== "'none'")
    problems.push({
      status: 'fail',
      detail: `API answers have frame-ancestors ${ancestors ? `"${ancestors.join(' ')}"` : 'missing'}, not 'none'.`,
      fix: 'Let the load balancer pass the proxy’s Content-Security-Policy through unchanged.',
    });
  if (!(answer.headers.get('cache-control') ?? '').includes('no-store'))
    problems.push({
      status: 'fail',
      detail: `API answers have Cache-Control "${answer.headers.get('cache-control') ?? ''}", not no-store: a cache could keep one agent's answer for another.`,
      fix: 'Disable caching for /api/ at the load balancer or CDN and keep the proxy’s Cache-Control.',
    });
  if (answer.headers.get('x-content-type-options') !== 'nosniff')
    problems.push({
      status: 'warn',
      detail: 'API answers lack X-Content-Type-Options: nosniff.',
      fix: 'Let the load balancer pass the proxy’s headers through.',
    });
  return fromProblems(
    id,
    title,
    problems,
    "401 with a Bearer challenge; frame-ancestors 'none'; no-store; nosniff",
  );
}
