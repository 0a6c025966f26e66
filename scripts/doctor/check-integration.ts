// The Genesys integration as configured (Admin > Integrations, or Terraform): the URL template the
// widget is loaded from and the iframe it runs in. Checked from an exported JSON file, offline.
import { readFile } from 'node:fs/promises';
import { obj, parseJsonOrUndefined } from '../../core/json-access.ts';
import type { Config } from '../../proxy/config/config-schema.ts';
import { REVIEW_URL_TEMPLATE, URL_TEMPLATE } from '../demo-desktop.ts';
import { type Finding, fromProblems, type Problem } from './finding.ts';

export type IntegrationType = 'embedded-client-app-interaction-widget' | 'embedded-client-app';

export interface IntegrationEntry {
  /** The integration's name, or where it came from. */
  label: string;
  type: IntegrationType;
  properties: Record<string, unknown>;
  advanced: Record<string, unknown>;
}

/** Variables Genesys substitutes in a client app URL (docs/genesys-platform.md §2). */
const GENESYS_VARIABLES = new Set([
  'gcConversationId',
  'gcHostOrigin',
  'gcTargetEnv',
  'gcLangTag',
  'gcInteractionId',
  'gcInteractionType',
  'gcWorkitemId',
  'pcConversationId',
  'pcEnvironment',
  'pcLangTag',
  'pcUsePopupAuth',
]);

/** Query names the widget reads (app/shared/context/widget-context.ts) and the variable each needs. */
const CONVERSATION_PARAMS = ['gcConversationId', 'pcConversationId', 'conversationId'];
const CONVERSATION_VARIABLES = ['gcConversationId', 'pcConversationId'];

/** Sandbox tokens the widget cannot work without, and why. */
const REQUIRED_SANDBOX: Record<string, string> = {
  'allow-scripts': 'the widget is a script',
  'allow-same-origin':
    'without it the frame has an opaque origin: no sessionStorage for the PKCE sign-in and every proxy call becomes cross-origin',
  'allow-popups': 'popup sign-in and links opened from documents need it',
  'allow-downloads': '"Download original" needs it',
};

const KNOWN_SANDBOX = new Set([
  ...Object.keys(REQUIRED_SANDBOX),
  'allow-forms',
  'allow-modals',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-popups-to-escape-sandbox',
  'allow-presentation',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
]);

// Interaction types whose conversations can carry attachments.
const ATTACHMENT_TYPES = ['email', 'webmessaging', 'open', 'chat', 'message', 'messaging'];

/**
 * The integrations in an exported file: one object, an array, or `{"integrations": [...]}`. Each is
 * `{name?, integrationType?, properties, advanced}` or `{config: {properties, advanced}}` (the
 * shape of GET /api/v2/integrations/{id}/config/current and of Terraform's config block), where
 * properties and advanced may also be JSON strings.
 */
export async function loadIntegrationConfigs(path: string): Promise<IntegrationEntry[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} could not be read as JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(doc)
    ? doc
    : isRecord(doc) && Array.isArray(doc.integrations)
      ? doc.integrations
      : [doc];
  return list.map((raw, i) => toEntry(raw, `${path}${list.length > 1 ? `[${i}]` : ''}`));
}

function toEntry(raw: unknown, where: string): IntegrationEntry {
  if (!isRecord(raw)) throw new Error(`${where} is not an integration configuration object`);
  const config = isRecord(raw.config) ? raw.config : Array.isArray(raw.config) ? raw.config[0] : undefined;
  const source: Record<string, unknown> = isRecord(config) ? { ...raw, ...config } : raw;
  const properties = jsonObject(source.properties, `${where}: properties`);
  const advanced = source.advanced === undefined ? {} : jsonObject(source.advanced, `${where}: advanced`);
  const typeField = raw.integrationType ?? raw.integration_type;
  const typeId = isRecord(typeField) ? typeField.id : typeField;
  const type: IntegrationType =
    typeId === 'embedded-client-app' || typeId === 'embedded-client-app-interaction-widget'
      ? typeId
      : properties.displayType !== undefined
        ? 'embedded-client-app'
        : 'embedded-client-app-interaction-widget';
  const name = typeof source.name === 'string' ? source.name : where;
  return { label: name, type, properties, advanced };
}

function jsonObject(value: unknown, where: string): Record<string, unknown> {
  const parsed = typeof value === 'string' ? parseJsonOrUndefined(value) : value;
  if (!isRecord(parsed)) throw new Error(`${where} must be a JSON object (or a string holding one)`);
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return obj(value) !== undefined;
}

/** Every problem of one integration; `config` (when valid) adds the comparison with PUBLIC_URL. */
export function checkIntegration(entry: IntegrationEntry, config?: Config, index = 0): Finding {
  const id = `integration${index > 0 ? `.${index + 1}` : ''}`;
  const standalone = entry.type === 'embedded-client-app';
  const title = `Integration "${entry.label}" (${standalone ? 'standalone app' : 'interaction widget'})`;
  const problems = [
    ...urlProblems(entry, standalone, config),
    ...sandboxProblems(entry.properties.sandbox),
    ...lifecycleProblems(entry.advanced),
    ...filterProblems(entry, standalone),
  ];
  const groups = Array.isArray(entry.properties.groups) ? entry.properties.groups.length : 0;
  return fromProblems(
    id,
    title,
    problems,
    `URL template, sandbox and lifecycle hooks fit the widget; ${groups > 0 ? `shown to ${groups} group(s) (a display filter, not authorization)` : 'shown to everyone (groups only hide the app; the proxy authorizes)'}`,
  );
}

function urlProblems(entry: IntegrationEntry, standalone: boolean, config?: Config): Problem[] {
  const template = entry.properties.url;
  if (typeof template !== 'string' || template === '')
    return [
      {
        status: 'fail',
        detail: 'properties.url is missing.',
        fix: `Set the URL to <PUBLIC_URL>/${URL_TEMPLATE}.`,
      },
    ];
  const problems: Problem[] = [];
  let url: URL;
  try {
    url = new URL(template);
  } catch {
    return [
      {
        status: 'fail',
        detail: `properties.url "${template}" is not an absolute URL.`,
        fix: 'Use the proxy’s full https address (PUBLIC_URL) followed by /?gc… parameters.',
      },
    ];
  }
  const suggested = `${config?.publicUrl ?? url.origin}/${standalone ? REVIEW_URL_TEMPLATE : URL_TEMPLATE}`;
  if (config && url.origin !== new URL(config.publicUrl).origin)
    problems.push({
      status: 'fail',
      detail: `the URL loads the widget from ${url.origin}, but PUBLIC_URL is ${config.publicUrl}: sign-in redirects to PUBLIC_URL and links are minted for it.`,
      fix: `Make them the same: URL ${suggested}, or change PUBLIC_URL.`,
    });
  if (url.protocol !== 'https:' && config?.env === 'production')
    problems.push({
      status: 'fail',
      detail: `the URL is ${url.protocol.replace(':', '')}, not https: Genesys Cloud frames client apps over HTTPS only.`,
      fix: `Use ${suggested.replace(/^http:/, 'https:')}.`,
    });
  if (url.pathname !== '/' && url.pathname !== '/index.html')
    problems.push({
      status: 'warn',
      detail: `the URL's path is ${url.pathname}: the proxy serves the widget at /, and the sign-in redirect URI is the page's folder.`,
      fix: `Use ${suggested}.`,
    });

  // The raw query: URLSearchParams would decode %7B%7B…%7D%7D and hide what Genesys sees.
  const params = new Map<string, string>();
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const [name = '', value = ''] = pair.split('=', 2);
    params.set(decodeURIComponent(name), value);
  }
  const variables = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '');
  const unknown = variables.filter((v) => !GENESYS_VARIABLES.has(v));
  if (unknown.length > 0)
    problems.push({
      status: 'warn',
      detail: `{{${unknown.join('}}, {{')}}} ${unknown.length > 1 ? 'are' : 'is'} not a variable Genesys is known to fill in (names are case-sensitive).`,
      fix: 'Check the spelling against gcConversationId, gcHostOrigin, gcTargetEnv, gcLangTag.',
    });
  if (template.includes('%7B%7B') || template.includes('%7b%7b'))
    problems.push({
      status: 'fail',
      detail:
        'the URL holds percent-encoded braces (%7B%7B): Genesys substitutes only literal {{variables}}.',
      fix: `Write the braces literally: ${suggested}.`,
    });

  const carries = (names: string[], variables: string[]) =>
    names.some((n) => variables.some((v) => params.get(n) === `{{${v}}}`));
  const misplaced = (variable: string) =>
    [...params.entries()].find(([, value]) => value === `{{${variable}}}`)?.[0];

  const hostOk = carries(['gcHostOrigin'], ['gcHostOrigin']);
  const envOk = carries(['gcTargetEnv'], ['gcTargetEnv']);
  const legacyEnv = carries(['pcEnvironment'], ['pcEnvironment']);
  if (!(hostOk && envOk)) {
    const missing = [
      hostOk ? '' : 'gcHostOrigin={{gcHostOrigin}}',
      envOk ? '' : 'gcTargetEnv={{gcTargetEnv}}',
    ]
      .filter(Boolean)
      .join(' and ');
    if (legacyEnv)
      problems.push({
        status: 'warn',
        detail: `the URL uses the legacy pcEnvironment instead of ${missing}.`,
        fix: `Use ${suggested}.`,
      });
    else
      problems.push({
        status: 'fail',
        detail: `the URL lacks ${missing}${wrongName(misplaced('gcHostOrigin') ?? misplaced('gcTargetEnv'))}: the widget stops with "opened without gcHostOrigin and gcTargetEnv".`,
        fix: `Use ${suggested}.`,
      });
  }
  const conversationOk = carries(CONVERSATION_PARAMS, CONVERSATION_VARIABLES);
  if (!standalone && !conversationOk)
    problems.push({
      status: 'fail',
      detail: `the URL lacks gcConversationId={{gcConversationId}}${wrongName(misplaced('gcConversationId'))}: the widget cannot tell which conversation to show.`,
      fix: `Use ${suggested}.`,
    });
  if (standalone && variables.some((v) => CONVERSATION_VARIABLES.includes(v)))
    problems.push({
      status: 'warn',
      detail:
        'a standalone app belongs to no interaction, so Genesys has no conversation id to fill in; the widget would read whatever is left there.',
      fix: `Remove the conversation parameter: ${suggested}.`,
    });
  const review = params.get('mode') === 'review';
  if (standalone && !review)
    problems.push({
      status: 'fail',
      detail:
        'the standalone app’s URL lacks mode=review: it opens as an interaction widget, which has no interaction here and only says "Open an interaction".',
      fix: `Use ${suggested}.`,
    });
  if (!standalone && review)
    problems.push({
      status: 'fail',
      detail:
        'the interaction widget’s URL says mode=review: agents get the review screen instead of the interaction’s files.',
      fix: `Remove mode=review: ${suggested}.`,
    });
  if (!carries(['gcLangTag', 'pcLangTag'], ['gcLangTag', 'pcLangTag']))
    problems.push({
      status: 'warn',
      detail:
        'the URL lacks gcLangTag={{gcLangTag}}: the widget cannot follow the agent’s language (it uses en-us).',
      fix: `Use ${suggested}.`,
    });
  return problems;
}

function wrongName(name: string | undefined): string {
  return name ? ` (the variable is there, but under "${name}", a name the widget does not read)` : '';
}

function sandboxProblems(sandbox: unknown): Problem[] {
  if (typeof sandbox !== 'string' || sandbox.trim() === '')
    return [
      {
        status: 'fail',
        detail: 'properties.sandbox is empty: the iframe gets no permissions at all.',
        fix: 'Set sandbox to allow-forms,allow-modals,allow-popups,allow-presentation,allow-same-origin,allow-scripts,allow-downloads.',
      },
    ];
  const tokens = sandbox
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const problems: Problem[] = [];
  const missing = Object.keys(REQUIRED_SANDBOX).filter((t) => !tokens.includes(t));
  if (missing.length > 0)
    problems.push({
      status: 'fail',
      detail: `the iframe sandbox lacks ${missing.map((t) => `${t} (${REQUIRED_SANDBOX[t]})`).join(', ')}.`,
      fix: `Add ${missing.join(',')} to properties.sandbox.`,
    });
  const unknown = tokens.filter((t) => !KNOWN_SANDBOX.has(t));
  if (unknown.length > 0)
    problems.push({
      status: 'warn',
      detail: `sandbox token(s) ${unknown.join(', ')} are not iframe sandbox keywords (a typo, or spaces instead of commas?).`,
      fix: 'Separate tokens with commas and spell them as in the HTML standard (allow-popups, allow-downloads, ...).',
    });
  if (tokens.includes('allow-top-navigation'))
    problems.push({
      status: 'warn',
      detail:
        'allow-top-navigation lets the frame navigate Agent Workspace itself away; the widget never needs it.',
      fix: 'Remove allow-top-navigation.',
    });
  return problems;
}

function lifecycleProblems(advanced: Record<string, unknown>): Problem[] {
  const lifecycle = isRecord(advanced.lifecycle) ? advanced.lifecycle : {};
  const hooks = isRecord(lifecycle.hooks) ? lifecycle.hooks : {};
  const off = ['bootstrap', 'stop'].filter((h) => hooks[h] !== true);
  if (off.length === 0) return [];
  return [
    {
      status: 'warn',
      detail: `advanced.lifecycle.hooks ${off.join(' and ')} ${off.length > 1 ? 'are' : 'is'} not enabled: the widget reports when it is ready (bootstrap) and cleans up when closed (stop), and Genesys sends those events only when the hooks are on.`,
      fix: 'Set advanced to {"lifecycle":{"ephemeral":false,"hooks":{"bootstrap":true,"focus":false,"blur":false,"stop":true}}}.',
    },
  ];
}

function filterProblems(entry: IntegrationEntry, standalone: boolean): Problem[] {
  const problems: Problem[] = [];
  const filter = entry.properties.communicationTypeFilter;
  if (!standalone && typeof filter === 'string' && filter.trim() !== '') {
    const types = filter.split(',').map((t) => t.trim().toLowerCase());
    if (!types.some((t) => ATTACHMENT_TYPES.includes(t)))
      problems.push({
        status: 'warn',
        detail: `communicationTypeFilter "${filter}" shows the widget only on interactions that carry no attachments.`,
        fix: 'Include the messaging and email types (e.g. email,webmessaging,open), or leave the filter empty.',
      });
  }
  if (standalone && entry.properties.displayType !== 'standalone')
    problems.push({
      status: 'warn',
      detail: `displayType is ${JSON.stringify(entry.properties.displayType)}: the review app is meant for the main stage, opened by its deep link.`,
      fix: 'Set properties.displayType to "standalone".',
    });
  return problems;
}
