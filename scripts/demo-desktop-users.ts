// The demo desktop's "Signed in as" chooser: every home-org user of the sandbox's users.json (the
// sandbox's one list, read with its own loader), so each role can be tried: an agent, a QA
// reviewer, someone without access. Choosing one makes the sandbox's /oauth/authorize sign that
// user in and signs every browser session out, so the widget signs in again, as that user.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadOrgData } from '../sandbox/data/load-org-data.ts';

export interface SampleUserChoice {
  username: string;
  label: string;
  permissions: readonly string[];
}

export interface UserChooser {
  /** The sample users, in users.json's order. */
  readonly users: readonly SampleUserChoice[];
  /** Who the sandbox signs in now. */
  readonly current: string;
  /** The chooser's form (and its little script), for the desktop page. */
  html(): string;
  /** Handles `POST /user`; false when the request is not for the chooser. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The desktop page's own address with the query it had: re-encoded, so only ever a query of `/`. */
function backTo(query: string): string {
  const params = new URLSearchParams(query.slice(0, 1024));
  const encoded = params.toString();
  return encoded ? `/?${encoded}` : '/';
}

export function createUserChooser(options: { dataDir: string; sandboxUrl: string }): UserChooser {
  const data = loadOrgData(options.dataDir);
  // Users of other orgs cannot sign in through this org's OAuth client (authorize refuses them).
  const users = data.users
    .filter((u) => u.organizationId === data.org.id)
    .map((u) => ({
      username: u.username,
      label: `${u.name}${u.title ? ` — ${u.title}` : ''}`,
      permissions: u.permissions,
    }));
  let current = data.org.defaultUser;

  async function signInAs(username: string): Promise<void> {
    const control = new URL(
      '__sandbox/',
      options.sandboxUrl.endsWith('/') ? options.sandboxUrl : `${options.sandboxUrl}/`,
    );
    const chosen = await fetch(new URL('default-user', control), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (!chosen.ok) throw new Error(`the sandbox refused user "${username}": ${await chosen.text()}`);
    const signedOut = await fetch(new URL('tokens', control), { method: 'DELETE' });
    if (!signedOut.ok) throw new Error(`the sandbox could not sign sessions out: ${await signedOut.text()}`);
    current = username;
  }

  return {
    users,
    get current() {
      return current;
    },
    html: () => {
      const permissionsOf = (username: string) => {
        const list = users.find((u) => u.username === username)?.permissions ?? [];
        return list.length === 0 ? 'Permissions: none' : `Permissions: ${list.join(', ')}`;
      };
      const optionsHtml = users
        .map(
          (u) =>
            `<option value="${escapeHtml(u.username)}"${u.username === current ? ' selected' : ''}>${escapeHtml(u.label)}</option>`,
        )
        .join('');
      return `<form id="user-form" method="post" action="/user"><label for="user-select">Signed in as</label> <select id="user-select" name="username" aria-describedby="user-permissions">${optionsHtml}</select> <input type="hidden" name="page" id="user-page"> <button type="submit">Switch user</button> <small>Signs every session out; the widget signs in again as this user.</small><p id="user-permissions">${escapeHtml(permissionsOf(current))}</p></form>
<script>
// The page comes back as it was (the conversation on show, and whatever else its address holds).
document.getElementById('user-form').addEventListener('submit', () => {
  document.getElementById('user-page').value = location.search.slice(1);
});
</script>`;
    },
    handle: (req, res) => {
      if (req.method !== 'POST' || req.url !== '/user') return false;
      // Only the desktop's own page may switch the user (a form post from any other site would).
      const host = req.headers.host;
      if (!host || req.headers.origin !== `http://${host}`) {
        res
          .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Switch users from the demo desktop page.');
        return true;
      }
      void readForm(req)
        .then(async (form) => {
          const username = form.get('username') ?? '';
          if (!users.some((u) => u.username === username)) {
            res
              .writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
              .end(`No sample user "${username}".`);
            return;
          }
          await signInAs(username);
          res.writeHead(303, { location: backTo(form.get('page') ?? '') }).end();
        })
        .catch((error: unknown) => {
          if (res.headersSent) return;
          res
            .writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`Could not switch the user: ${(error as Error).message}`);
        });
      return true;
    },
  };
}

/** A small urlencoded form body (the chooser's two fields); larger bodies are refused. */
function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 4096) {
        reject(new Error('form too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
