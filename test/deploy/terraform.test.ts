// The CX as Code module (deploy/terraform): every file parses as HCL (@cdktf/hcl2json, the HCL
// library compiled to WebAssembly), and the resources say what the widget and the proxy need. The
// locals are evaluated with the variables' defaults, so the URL template and sandbox checked are
// the ones Genesys will receive, and the doctor's own integration check must pass on them.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { genesysRegions } from '../../core/genesys-regions.ts';
import { checkIntegration } from '../../scripts/doctor/check-integration.ts';

// Loaded untyped on purpose: its typings pull in the DOM library (`/// <reference lib="dom">`),
// which would retype fetch across every Node file of the type check.
const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as {
  parse: (fileName: string, contents: string) => Promise<Record<string, unknown>>;
};

const root = join(import.meta.dirname, '..', '..');
const moduleDir = join(root, 'deploy', 'terraform');
const PROXY_URL = 'https://viewer.example.com';
const SECRET_LIKE = /(?=[\w+/-]*\d)(?=[\w+/-]*[A-Z])(?=[\w+/-]*[a-z])[\w+/-]{32,}/;

// biome-ignore lint/suspicious/noExplicitAny: hcl2json's output is untyped JSON, read field by field
type Json = any;

async function tfFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.tf'))
    .map((e) => relative(moduleDir, join(e.parentPath, e.name)))
    .sort();
}

/**
 * Evaluates the expressions hcl2json leaves as `${...}` strings: references to variables and
 * locals, string templates, lists, comparisons, conditionals and the functions the module uses.
 * Resource attributes evaluate to `<type.name.attr>` placeholders. Anything else throws, so a new
 * construct in the module shows up here instead of passing unchecked.
 */
class Evaluator {
  constructor(
    private readonly locals: Record<string, Json>,
    private readonly vars: Record<string, Json>,
  ) {}

  /** A value from hcl2json: strings are templates, objects and lists are evaluated member by member. */
  value(v: Json): Json {
    if (typeof v === 'string') {
      // `${expr}` alone keeps the expression's type (a list stays a list, null stays null).
      if (v.startsWith('${') && this.closing(v, 2) === v.length - 1) return this.expression(v.slice(2, -1));
      return this.template(v);
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x)]));
    return v;
  }

  private template(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      if (text.startsWith('${', i)) {
        const end = this.closing(text, i + 2);
        out += String(this.expression(text.slice(i + 2, end)));
        i = end + 1;
      } else out += text[i++];
    }
    return out;
  }

  /** Index of the `}` closing an interpolation that starts at `from`, minding strings and nesting. */
  private closing(text: string, from: number): number {
    let depth = 0;
    let inString = false;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === '}') {
        if (depth === 0) return i;
        depth--;
      }
    }
    throw new Error(`unclosed interpolation in ${text}`);
  }

  expression(source: string): Json {
    const p = new ExpressionParser(source, this);
    const result = p.parseExpression();
    p.expectEnd();
    return result;
  }

  reference(path: string[]): Json {
    const [head, name, ...rest] = path;
    if (head === 'var' && name !== undefined) {
      if (!(name in this.vars)) throw new Error(`undeclared variable var.${name}`);
      return this.vars[name];
    }
    if (head === 'local' && name !== undefined) {
      if (!(name in this.locals)) throw new Error(`unknown local.${name}`);
      return this.value(this.locals[name]);
    }
    return `<${[head, name, ...rest].join('.')}>`;
  }

  call(name: string, args: Json[]): Json {
    if (name === 'jsonencode') return JSON.stringify(args[0]);
    if (name === 'join') return (args[1] as Json[]).join(args[0]);
    if (name === 'concat') return (args as Json[][]).flat();
    if (name === 'length') return (args[0] as Json[]).length;
    throw new Error(`the test evaluator does not know ${name}()`);
  }
}

class ExpressionParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly ev: Evaluator,
  ) {}

  parseExpression(): Json {
    const condition = this.comparison();
    this.space();
    if (this.s[this.i] !== '?') return condition;
    this.i++;
    const yes = this.parseExpression();
    this.eat(':');
    const no = this.parseExpression();
    return condition ? yes : no;
  }

  expectEnd(): void {
    this.space();
    if (this.i !== this.s.length) throw new Error(`unexpected "${this.s.slice(this.i)}" in ${this.s}`);
  }

  private comparison(): Json {
    const left = this.primary();
    this.space();
    const op = /^(>=|<=|==|!=|>|<)/.exec(this.s.slice(this.i))?.[1];
    if (!op) return left;
    this.i += op.length;
    const right = this.primary();
    return {
      '>': left > right,
      '<': left < right,
      '>=': left >= right,
      '<=': left <= right,
      '==': left === right,
      '!=': left !== right,
    }[op];
  }

  private primary(): Json {
    this.space();
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '[') {
      this.i++;
      const items: Json[] = [];
      this.space();
      while (this.s[this.i] !== ']') {
        items.push(this.parseExpression());
        this.space();
        if (this.s[this.i] === ',') this.i++;
        this.space();
      }
      this.i++;
      return items;
    }
    const number = /^\d+/.exec(this.s.slice(this.i))?.[0];
    if (number) {
      this.i += number.length;
      return Number(number);
    }
    const name = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.i))?.[0];
    if (!name) throw new Error(`cannot read "${this.s.slice(this.i)}"`);
    this.i += name.length;
    if (name === 'true' || name === 'false') return name === 'true';
    if (name === 'null') return null;
    if (this.s[this.i] === '(') {
      this.i++;
      const args: Json[] = [];
      this.space();
      while (this.s[this.i] !== ')') {
        args.push(this.parseExpression());
        this.space();
        if (this.s[this.i] === ',') this.i++;
        this.space();
      }
      this.i++;
      return this.ev.call(name, args);
    }
    const path = [name];
    for (;;) {
      const step = /^(?:\.([A-Za-z_][\w-]*)|\[(\d+)\])/.exec(this.s.slice(this.i));
      if (!step) break;
      this.i += step[0].length;
      path.push(step[1] ?? step[2] ?? '');
    }
    return this.ev.reference(path);
  }

  private string(): string {
    this.i++;
    let raw = '';
    while (this.s[this.i] !== '"') {
      if (this.i >= this.s.length) throw new Error(`unclosed string in ${this.s}`);
      if (this.s[this.i] === '\\') raw += this.s[this.i++];
      raw += this.s[this.i++];
    }
    this.i++;
    return this.ev.value(raw.replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n'));
  }

  private space(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  private eat(token: string): void {
    this.space();
    if (!this.s.startsWith(token, this.i)) throw new Error(`expected ${token} in ${this.s}`);
    this.i += token.length;
  }
}

/** Every key/value pair in a parsed file, depth first, with its path. */
function* walk(node: Json, path: string[] = []): Generator<{ path: string[]; key: string; value: Json }> {
  if (Array.isArray(node)) for (const [i, x] of node.entries()) yield* walk(x, [...path, String(i)]);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      yield { path, key, value };
      yield* walk(value, [...path, key]);
    }
}

describe('the CX as Code module in deploy/terraform', () => {
  const files = new Map<string, Json>();
  const sources = new Map<string, string>();
  let mod: { locals: Record<string, Json>; resources: Json; variables: Record<string, Json>; outputs: Json };
  let evaluate: (v: Json, overrides?: Record<string, Json>) => Json;

  beforeAll(async () => {
    for (const file of await tfFiles(moduleDir)) {
      const text = await readFile(join(moduleDir, file), 'utf8');
      sources.set(file, text);
      files.set(file, await parse(file, text));
    }
    const own = [...files.entries()].filter(([f]) => !f.includes('/')).map(([, json]) => json);
    mod = {
      locals: Object.assign({}, ...own.flatMap((j) => j.locals ?? [])),
      resources: Object.assign({}, ...own.map((j) => j.resource ?? {})),
      variables: Object.fromEntries(
        own.flatMap((j) => Object.entries(j.variable ?? {})).map(([k, v]) => [k, (v as Json[])[0]]),
      ),
      outputs: Object.assign({}, ...own.map((j) => j.output ?? {})),
    };
    evaluate = (v, overrides = {}) => {
      const vars = Object.fromEntries(Object.entries(mod.variables).map(([k, v2]) => [k, v2.default]));
      return new Evaluator(mod.locals, { ...vars, proxy_url: PROXY_URL, ...overrides }).value(v);
    };
  });

  const resource = (type: string, name: string): Json => {
    const block = mod.resources[type]?.[name]?.[0];
    if (!block) throw new Error(`no resource ${type}.${name}`);
    return block;
  };
  const config = (name: string) => resource('genesyscloud_integration', name).config[0];
  const properties = (name: string, overrides?: Record<string, Json>) =>
    JSON.parse(evaluate(config(name).properties, overrides));
  const advanced = (name: string) => JSON.parse(evaluate(config(name).advanced));

  it('parses every .tf file of the module and its example as HCL', () => {
    expect([...files.keys()]).toEqual([
      'examples/basic/main.tf',
      'main.tf',
      'outputs.tf',
      'variables.tf',
      'versions.tf',
    ]);
    for (const [file, json] of files)
      expect({ file, parsed: typeof json }).toEqual({ file, parsed: 'object' });
  });

  it('rejects HCL with a syntax error, so a parse is a real check', async () => {
    await expect(parse('broken.tf', 'resource "genesyscloud_integration" "x" {')).rejects.toThrow(
      /Unclosed configuration block/,
    );
  });

  it('requires the mypurecloud/genesyscloud provider in the module and the example', () => {
    for (const file of ['versions.tf', 'examples/basic/main.tf']) {
      const provider = files.get(file).terraform[0].required_providers[0].genesyscloud;
      expect({ file, source: provider.source.toLowerCase() }).toEqual({
        file,
        source: 'mypurecloud/genesyscloud',
      });
    }
  });

  it('declares the OAuth client as a code grant whose redirect URI is the proxy URL with a slash', () => {
    const client = resource('genesyscloud_oauth_client', 'widget');
    expect(client.authorized_grant_type).toBe('CODE');
    expect(evaluate(client.registered_redirect_uris)).toEqual([`${PROXY_URL}/`]);
    expect(
      evaluate(client.registered_redirect_uris, { extra_redirect_uris: ['https://staging.example.com/'] }),
    ).toEqual([`${PROXY_URL}/`, 'https://staging.example.com/']);
    // The widget's redirect URI is its page's folder (app/main.ts): the proxy URL's root.
    const widgetUrl = properties('interaction_widget').url as string;
    expect(new URL('./', widgetUrl).href.split('?')[0]).toBe(evaluate(client.registered_redirect_uris)[0]);
    const scopes = evaluate(client.scopes);
    expect(scopes).toEqual(
      expect.arrayContaining([
        'users:readonly',
        'conversations:readonly',
        'recordings:readonly',
        'notifications',
        'analytics:readonly',
      ]),
    );
    const lifetime = evaluate(client.access_token_validity_seconds);
    expect(lifetime).toBeGreaterThanOrEqual(300);
    expect(lifetime).toBeLessThanOrEqual(172_800);
  });

  it('installs an interaction widget whose URL template carries the gc* parameters the widget reads', async () => {
    expect(resource('genesyscloud_integration', 'interaction_widget').integration_type).toBe(
      'embedded-client-app-interaction-widget',
    );
    const url = new URL(properties('interaction_widget').url);
    expect(url.origin).toBe(PROXY_URL);
    expect(url.pathname).toBe('/');
    const query = Object.fromEntries(
      url.search
        .slice(1)
        .split('&')
        .map((p) => p.split('=')),
    );
    expect(query).toEqual({
      gcConversationId: '{{gcConversationId}}',
      gcHostOrigin: '{{gcHostOrigin}}',
      gcTargetEnv: '{{gcTargetEnv}}',
      gcLangTag: '{{gcLangTag}}',
    });
    // The widget reads these very names (app/shared/context/widget-context.ts), and review mode's.
    const widgetContext = await readFile(join(root, 'app', 'shared', 'context', 'widget-context.ts'), 'utf8');
    for (const name of [...Object.keys(query), 'mode'])
      expect({ name, read: widgetContext.includes(`'${name}'`) }).toEqual({ name, read: true });
  });

  it('gives both apps an iframe sandbox with allow-popups and allow-downloads', () => {
    for (const name of ['interaction_widget', 'review_app']) {
      const tokens = (properties(name).sandbox as string).split(',');
      expect({ name, tokens }).toEqual({
        name,
        tokens: expect.arrayContaining([
          'allow-scripts',
          'allow-same-origin',
          'allow-popups',
          'allow-downloads',
        ]),
      });
    }
  });

  it('enables the bootstrap and stop lifecycle hooks the widget listens to', () => {
    for (const name of ['interaction_widget', 'review_app'])
      expect({ name, hooks: advanced(name).lifecycle.hooks }).toEqual({
        name,
        hooks: { bootstrap: true, focus: false, blur: false, stop: true },
      });
  });

  it('gives both apps the icon the proxy serves from public/', () => {
    for (const name of ['interaction_widget', 'review_app']) {
      const icon: Record<string, string> = advanced(name).icon;
      expect({ name, sizes: Object.keys(icon).sort() }).toEqual({
        name,
        sizes: ['24x24', '36x36', '48x48', '72x72', 'vector'],
      });
      for (const url of Object.values(icon)) {
        expect(url.startsWith(`${PROXY_URL}/`)).toBe(true);
        expect({ url, exists: existsSync(join(root, 'public', url.slice(PROXY_URL.length + 1))) }).toEqual({
          url,
          exists: true,
        });
      }
    }
  });

  it('passes the filters through: groups, queues and communication types', () => {
    const props = properties('interaction_widget', {
      widget_group_ids: ['g-1'],
      queue_ids: ['q-1'],
      communication_types: ['email', 'webmessaging'],
      iframe_permissions: ['fullscreen'],
    });
    expect(props).toMatchObject({
      groups: ['g-1'],
      queueIdFilterList: ['q-1'],
      communicationTypeFilter: 'email,webmessaging',
      permissions: 'fullscreen',
    });
    expect(properties('interaction_widget')).toMatchObject({
      groups: [],
      communicationTypeFilter: '',
      permissions: null,
    });
  });

  it('installs the review app as a standalone client app in review mode, without a conversation in its URL', () => {
    const review = resource('genesyscloud_integration', 'review_app');
    expect(review.integration_type).toBe('embedded-client-app');
    expect(evaluate(review.count)).toBe(1);
    expect(evaluate(review.count, { enable_review_app: false })).toBe(0);
    const props = properties('review_app');
    expect(props.displayType).toBe('standalone');
    expect(props.url).toBe(
      `${PROXY_URL}/?mode=review&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}`,
    );
  });

  it('passes the doctor’s integration check with the values Genesys will receive', () => {
    const widget = checkIntegration({
      label: 'widget',
      type: 'embedded-client-app-interaction-widget',
      properties: properties('interaction_widget'),
      advanced: advanced('interaction_widget'),
    });
    const review = checkIntegration({
      label: 'review',
      type: 'embedded-client-app',
      properties: properties('review_app'),
      advanced: advanced('review_app'),
    });
    expect([widget.status, widget.fix]).toEqual(['pass', undefined]);
    expect([review.status, review.fix]).toEqual(['pass', undefined]);
  });

  it('outputs the client id, both integration ids, the review deep link and the proxy settings', () => {
    expect(Object.keys(mod.outputs).sort()).toEqual([
      'interaction_widget_id',
      'oauth_client_id',
      'proxy_settings',
      'review_app_deep_link',
      'review_app_id',
    ]);
    const out = (name: string, overrides?: Record<string, Json>) =>
      evaluate(mod.outputs[name][0].value, overrides);
    expect(out('oauth_client_id')).toBe('<genesyscloud_oauth_client.widget.id>');
    expect(out('review_app_deep_link', { genesys_region: 'mypurecloud.ie' })).toBe(
      'https://apps.mypurecloud.ie/directory/#/apps/<genesyscloud_integration.review_app.0.id>',
    );
    expect(out('review_app_deep_link', { enable_review_app: false })).toBeNull();
    expect(out('proxy_settings', { genesys_region: 'euw2.pure.cloud' })).toEqual({
      PUBLIC_URL: PROXY_URL,
      GENESYS_REGIONS: 'euw2.pure.cloud',
      GENESYS_OAUTH_CLIENT_ID: '<genesyscloud_oauth_client.widget.id>',
    });
  });

  it('accepts exactly the regions the proxy accepts', () => {
    const condition: string = mod.variables.genesys_region.validation[0].condition;
    const listed = [...condition.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(genesysRegions.map((r) => r.tld).sort());
  });

  it('uses only declared variables, and the example passes only declared ones including every required one', () => {
    const declared = Object.keys(mod.variables);
    for (const file of ['main.tf', 'outputs.tf', 'variables.tf']) {
      const used = [...(sources.get(file) ?? '').matchAll(/\bvar\.(\w+)/g)].map((m) => m[1]);
      for (const name of used)
        expect({ file, name, declared: declared.includes(name ?? '') }).toEqual({
          file,
          name,
          declared: true,
        });
    }
    const call = files.get('examples/basic/main.tf').module.attachment_viewer[0];
    expect(call.source).toBe('../..');
    const args = Object.keys(call).filter((k) => k !== 'source');
    for (const arg of args)
      expect({ arg, declared: declared.includes(arg) }).toEqual({ arg, declared: true });
    const required = declared.filter((name) => !('default' in mod.variables[name]));
    expect(required).toEqual(['proxy_url']);
    expect(args).toEqual(expect.arrayContaining(required));
  });

  it('holds no hard-coded secrets and never exposes the OAuth client secret', () => {
    for (const [file, json] of files) {
      for (const { path, key, value } of walk(json)) {
        const where = `${file}: ${[...path, key].join('.')}`;
        if (/secret|password|access_token$|oauthclient_id/i.test(key))
          expect({ where, value }).toEqual({ where, value: expect.stringMatching(/^\$\{var\./) });
        if (key === 'expose_client_secret') expect({ where, value }).toEqual({ where, value: false });
        if (typeof value === 'string')
          // Long unbroken mixed-case tokens with digits are what secrets look like; names and URLs are not.
          expect({ where, secretLike: SECRET_LIKE.test(value.replace(/\$\{[^}]*\}/g, '')) }).toEqual({
            where,
            secretLike: false,
          });
      }
    }
    const provider = files.get('examples/basic/main.tf').provider.genesyscloud[0];
    expect(Object.keys(provider)).toEqual(['aws_region']);
  });
});
