// A stand-in for Agent Workspace: the sandbox conversations on one side, the widget in an iframe on
// the other, framed from the same URL template an admin enters in Genesys (docs/install.md), with
// the same iframe sandbox tokens. It also shows what the widget asks of the desktop (toasts, the
// attention badge) through the Client App SDK's postMessage traffic.
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { sampleConversations } from '../sandbox/sample-data/manifest.ts';
import { createUserChooser, type UserChooser } from './demo-desktop-users.ts';

/** The integration's URL template, as entered in Admin > Integrations (docs/genesys-platform.md §2). */
export const URL_TEMPLATE =
  '?gcConversationId={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}';

/** The standalone review app's URL template (embedded-client-app, displayType standalone). */
export const REVIEW_URL_TEMPLATE =
  '?mode=review&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}';

export const IFRAME_SANDBOX =
  'allow-forms allow-modals allow-popups allow-presentation allow-same-origin allow-scripts allow-downloads';

/**
 * The name the desktop is addressed by. Agent Workspace (apps.<region>) frames the widget from
 * another site than the widget's own; the widget is served at 127.0.0.1, so the desktop is at
 * localhost: two sites, and Chromium gives the widget's frame a renderer process of its own, as in
 * Agent Workspace. It listens on 127.0.0.1, where localhost leads too.
 */
export const DEMO_DESKTOP_HOST = 'localhost';

/** The demo desktop's origin on `port`, for the proxy's frame ancestors before it starts. */
export function demoDesktopOrigin(port: number): string {
  return `http://${DEMO_DESKTOP_HOST}:${port}`;
}

export interface DemoDesktop {
  url: string;
  close(): Promise<void>;
}

export async function startDemoDesktop(options: {
  port: number;
  widgetUrl: string;
  dataDir: string;
  /** The sign-in page the widget redirects to inside the frame (login.<tld>, or the sandbox org). */
  loginUrl: string;
  /** The sandbox org's URL: with it, the page offers to choose the signed-in sample user. */
  sandboxUrl?: string;
}): Promise<DemoDesktop> {
  const ids = await readdir(join(options.dataDir, 'conversations'));
  const conversations = ids.map((id) => ({
    id,
    description:
      sampleConversations.find((c) => c.id === id)?.description ?? 'Conversation from the data folder',
  }));
  const chooser =
    options.sandboxUrl === undefined
      ? undefined
      : createUserChooser({ dataDir: options.dataDir, sandboxUrl: options.sandboxUrl });
  const server = createServer((req, res) => {
    if (chooser?.handle(req, res)) return;
    if (req.method !== 'GET' || (req.url !== '/' && !req.url?.startsWith('/?'))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-src ${new URL(options.widgetUrl).origin} ${new URL(options.loginUrl).origin}`,
    });
    res.end(desktopPage(options.widgetUrl, conversations, chooser));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `${demoDesktopOrigin(port)}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function desktopPage(
  widgetUrl: string,
  conversations: { id: string; description: string }[],
  chooser: UserChooser | undefined,
): string {
  const data = JSON.stringify({
    widgetUrl,
    template: URL_TEMPLATE,
    reviewTemplate: REVIEW_URL_TEMPLATE,
    conversations,
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo desktop — Attachment Viewer</title>
<style>
body{margin:0;font:14px/1.4 system-ui,sans-serif;display:flex;height:100vh;color:#1d2230}
nav{width:340px;overflow:auto;border-right:1px solid #d9dde6;background:#f6f7fa}
nav h1{font-size:15px;margin:12px}
nav button{display:block;width:100%;text-align:left;border:0;border-bottom:1px solid #e3e6ee;background:none;padding:10px 12px;font:inherit;cursor:pointer}
nav button[aria-current=true]{background:#dfe8fb}
nav small{color:#5b6478;display:block}
main{flex:1;display:flex;flex-direction:column}
#bar{padding:6px 12px;border-bottom:1px solid #d9dde6;font-size:12px;color:#5b6478}
#badge[hidden]{display:none}
#badge{display:inline-block;min-width:18px;padding:0 5px;border-radius:9px;background:#b3261e;color:#fff;text-align:center}
#users{position:fixed;left:0;bottom:0;width:340px;box-sizing:border-box;padding:8px 12px;border-top:1px solid #d9dde6;border-right:1px solid #d9dde6;background:#eef1f6;font-size:12px}
#users select{display:block;width:100%;margin:4px 0;font:inherit}
#users p{margin:4px 0 0;color:#5b6478;word-break:break-word}
body:has(#users) nav{padding-bottom:200px}
#toasts{position:fixed;right:12px;bottom:12px;display:flex;flex-direction:column;gap:6px}
.toast{background:#1d2230;color:#fff;padding:8px 12px;border-radius:4px;max-width:320px}
iframe{flex:1;border:0;width:100%}
#panel{width:420px;max-width:100%;flex:none;display:flex;flex-direction:column;border-left:1px solid #d9dde6}
#panel-width{display:inline;border:0;margin:0;padding:0}
#panel-width legend{display:contents}
#panel-width label{margin-left:6px}
#panel-resizer{width:8px;flex:none;cursor:col-resize;background:#eceef2;border-left:1px solid #d9dde6}
#panel-resizer:hover,#panel-resizer:focus-visible{background:#c9d6f2;outline:none}
</style></head><body>
<nav aria-label="Conversations"><h1>Sandbox conversations</h1><div id="list"></div></nav>
<main><div id="bar">Interaction widget <span id="badge" hidden></span> · <fieldset id="panel-width"><legend>Panel width</legend></fieldset> · <span id="src"></span></div>
<div style="display:flex;flex:1"><div id="panel"><iframe id="widget" title="Attachment Viewer" sandbox="${IFRAME_SANDBOX}"></iframe></div><div id="panel-resizer" role="separator" aria-orientation="vertical" aria-label="Widget panel width" aria-valuemin="320" aria-valuemax="1280" tabindex="0"></div></div></main>
<div id="toasts" role="status" aria-live="polite"></div>
${chooser ? `<div id="users">${chooser.html()}</div>` : ''}
<script>
const cfg = ${data};
const widgetOrigin = new URL(cfg.widgetUrl).origin;
const list = document.getElementById('list');
function open(id) {
  const vars = { gcConversationId: id, gcHostOrigin: location.origin, gcTargetEnv: 'prod', gcLangTag: navigator.language.toLowerCase() };
  const template = id === 'review' ? cfg.reviewTemplate : cfg.template;
  // ?popup=1: the template with the literal an admin may append to sign in through a popup.
  const popupAuth = new URLSearchParams(location.search).get('popup') === '1' ? '&gcUsePopupAuth=true' : '';
  const url = cfg.widgetUrl + template.replace(/\\{\\{(\\w+)\\}\\}/g, (_, k) => encodeURIComponent(vars[k] ?? '')) + popupAuth;
  document.getElementById('widget').src = url;
  document.getElementById('src').textContent = url;
  for (const b of list.querySelectorAll('button')) b.setAttribute('aria-current', String(b.dataset.id === id));
  const query = new URLSearchParams(location.search);
  query.set('c', id);
  history.replaceState(null, '', '?' + query);
}
for (const c of [...cfg.conversations, { id: 'review', description: 'Review mode (the standalone app for QA reviewers): open any interaction by id or date range' }]) {
  const b = document.createElement('button');
  b.dataset.id = c.id;
  b.append(c.id, Object.assign(document.createElement('small'), { textContent: c.description }));
  b.onclick = () => open(c.id);
  list.append(b);
}
// Agent Workspace's interaction panel is as wide as the agent makes it: the presets show the widget
// at the narrowest width it supports (320 px), a usual narrow panel (420 px, the default, so the
// narrow layout is what the demo shows first) and two wide ones.
const PANEL_WIDTHS = [320, 420, 720, 1280];
const MIN_PANEL = 320, MAX_PANEL = 1280;
function setPanelWidth(width) {
  width = Math.round(Math.min(MAX_PANEL, Math.max(MIN_PANEL, width)));
  document.getElementById('panel').style.width = width + 'px';
  document.getElementById('panel-resizer').setAttribute('aria-valuenow', String(width));
  for (const input of document.querySelectorAll('#panel-width input')) input.checked = Number(input.value) === width;
  const query = new URLSearchParams(location.search);
  query.set('w', String(width));
  history.replaceState(null, '', '?' + query);
}
for (const width of PANEL_WIDTHS) {
  const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'panel-width', value: String(width) });
  input.onchange = () => setPanelWidth(width);
  const label = document.createElement('label');
  label.append(input, ' ' + width + ' px');
  document.getElementById('panel-width').append(label);
}
// Or dragged, as Agent Workspace's panel is (arrow keys too, 10 px a press; Home and End for the ends).
const resizer = document.getElementById('panel-resizer');
resizer.onpointerdown = (e) => {
  // Captured, so the drag goes on over the widget's frame, which would otherwise take the pointer.
  resizer.setPointerCapture(e.pointerId);
  const startWidth = Number(resizer.getAttribute('aria-valuenow'));
  resizer.onpointermove = (m) => setPanelWidth(startWidth + m.clientX - e.clientX);
  resizer.onpointerup = () => { resizer.onpointermove = null; };
};
resizer.onkeydown = (e) => {
  const now = Number(resizer.getAttribute('aria-valuenow'));
  const next = { ArrowLeft: now - 10, ArrowRight: now + 10, Home: MIN_PANEL, End: MAX_PANEL }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  setPanelWidth(next);
};
const askedWidth = Number(new URLSearchParams(location.search).get('w'));
setPanelWidth(askedWidth >= MIN_PANEL && askedWidth <= MAX_PANEL ? askedWidth : 420);
// What the Client App SDK sends the desktop: shown, so the demo proves the wiring.
window.addEventListener('message', (e) => {
  if (e.origin !== widgetOrigin || typeof e.data !== 'object' || !e.data) return;
  const d = e.data;
  if (d.action === 'setAttentionCount') {
    const badge = document.getElementById('badge');
    badge.hidden = !d.count; badge.textContent = d.count;
  } else if (d.action === 'showToast') {
    const t = Object.assign(document.createElement('div'), { className: 'toast', textContent: (d.title || '') + ': ' + (d.message || '') });
    document.getElementById('toasts').append(t); setTimeout(() => t.remove(), 8000);
  }
});
// ?c=none: no interaction open yet, as Agent Workspace before the agent picks one up (the browser
// bench opens one from there, so the desktop's own start is over by then).
const first = new URLSearchParams(location.search).get('c') || cfg.conversations[0].id;
if (first !== 'none') open(first);
</script></body></html>`;
}
