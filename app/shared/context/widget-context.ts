// The widget's context comes from the URL Genesys fills in (docs/genesys-platform.md §2). It is
// validated against the known environments and kept in sessionStorage, because the OAuth redirect
// comes back without it.
import { regionByTargetEnv, regionByTld } from '../../../core/genesys-regions.ts';
import { defineMessages, type NoMessageValues } from '../i18n/messages.ts';
import { type Phrase, phrase } from '../i18n/phrase-value.ts';

export interface WidgetContext {
  conversationId?: string;
  /** The Genesys desktop's origin, e.g. https://apps.mypurecloud.ie (the only postMessage peer). */
  hostOrigin: string;
  /** `gcTargetEnv`, e.g. prod-euw1. */
  targetEnv: string;
  /** The region's domain, e.g. mypurecloud.ie; `localhost` for the sandbox desktop. */
  tld: string;
  langTag: string;
  usePopupAuth: boolean;
  /**
   * `interaction`: the interaction widget; `review`: the standalone review app for QA reviewers;
   * `ref`: a stable link (`<PUBLIC_URL>/ref/<key>`) opened outside Genesys, which the proxy sends here.
   */
  mode: 'interaction' | 'review' | 'ref';
  /** In `ref` mode: the storage key the stable link names. */
  refKey?: string;
}

export type ContextResult = { ok: true; context: WidgetContext } | { ok: false; problem: Phrase };

const messages = defineMessages<{
  badConversationId: NoMessageValues;
  hostNotUrl: NoMessageValues;
  hostNotOrigin: NoMessageValues;
  loopbackNotAllowed: NoMessageValues;
  unknownEnvironment: { environment: string };
  missingHost: NoMessageValues;
}>({
  badConversationId: {
    id: 'context.badConversationId',
    defaultMessage: 'The conversation id in the URL is not valid.',
  },
  hostNotUrl: { id: 'context.hostNotUrl', defaultMessage: 'gcHostOrigin is not a URL.' },
  hostNotOrigin: {
    id: 'context.hostNotOrigin',
    defaultMessage: 'gcHostOrigin must be an origin such as https://apps.mypurecloud.com.',
  },
  loopbackNotAllowed: {
    id: 'context.loopbackNotAllowed',
    defaultMessage: 'A local desktop is only allowed with the sandbox org.',
  },
  unknownEnvironment: {
    id: 'context.unknownEnvironment',
    defaultMessage: 'Unknown Genesys Cloud environment: {environment}.',
  },
  missingHost: {
    id: 'context.missingHost',
    defaultMessage:
      'The widget was opened without gcHostOrigin and gcTargetEnv. Check the integration URL template.',
  },
});

const STORAGE_KEY = 'attachment-viewer.context';
const CONVERSATION_ID = /^[A-Za-z0-9-]{1,64}$/;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function first(params: URLSearchParams, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = params.get(n);
    if (v) return v;
  }
  return undefined;
}

/**
 * Reads `gc*` parameters (legacy `pc*` as fallback). A loopback host is accepted only when
 * `allowLoopbackHost` (the sandbox org is configured), mirroring the Client App SDK's dev mode.
 */
export function parseContext(search: string, allowLoopbackHost: boolean): ContextResult {
  const params = new URLSearchParams(search);
  const conversationId = first(params, 'gcConversationId', 'pcConversationId', 'conversationId');
  if (conversationId !== undefined && !CONVERSATION_ID.test(conversationId))
    return { ok: false, problem: phrase(messages.badConversationId) };

  const langTag = first(params, 'gcLangTag', 'pcLangTag') ?? 'en-us';
  const usePopupAuth = first(params, 'gcUsePopupAuth', 'pcUsePopupAuth') === 'true';
  const modeParam = params.get('mode');
  const mode = modeParam === 'review' || modeParam === 'ref' ? modeParam : 'interaction';
  // A key as the proxy's /ref/ route accepted it; anything else is no key (the screen says so).
  const refParam = mode === 'ref' ? params.get('ref') : null;
  const refKey =
    refParam && refParam.length <= 1_024 && !/[\u0000-\u001f\u007f]/.test(refParam) ? refParam : undefined;
  const hostOriginParam = first(params, 'gcHostOrigin');
  const targetEnvParam = first(params, 'gcTargetEnv');
  const pcEnvironment = first(params, 'pcEnvironment');

  if (hostOriginParam && targetEnvParam) {
    let origin: URL;
    try {
      origin = new URL(hostOriginParam);
    } catch {
      return { ok: false, problem: phrase(messages.hostNotUrl) };
    }
    if (origin.origin !== hostOriginParam.replace(/\/$/, ''))
      return { ok: false, problem: phrase(messages.hostNotOrigin) };
    const loopback = ['localhost', '127.0.0.1'].includes(origin.hostname);
    if (loopback) {
      if (!allowLoopbackHost) return { ok: false, problem: phrase(messages.loopbackNotAllowed) };
      return {
        ok: true,
        context: {
          conversationId,
          hostOrigin: origin.origin,
          targetEnv: targetEnvParam,
          tld: 'localhost',
          langTag: safeLang(langTag),
          usePopupAuth,
          mode,
          ...(refKey === undefined ? {} : { refKey }),
        },
      };
    }
    const region = regionByTargetEnv(targetEnvParam);
    if (!region || origin.protocol !== 'https:' || origin.host !== `apps.${region.tld}`)
      return {
        ok: false,
        problem: phrase(messages.unknownEnvironment, { environment: `${targetEnvParam} (${origin.host})` }),
      };
    return {
      ok: true,
      context: {
        conversationId,
        hostOrigin: origin.origin,
        targetEnv: region.targetEnv,
        tld: region.tld,
        langTag: safeLang(langTag),
        usePopupAuth,
        mode,
        ...(refKey === undefined ? {} : { refKey }),
      },
    };
  }
  if (pcEnvironment) {
    const region = regionByTld(pcEnvironment);
    if (!region)
      return { ok: false, problem: phrase(messages.unknownEnvironment, { environment: pcEnvironment }) };
    return {
      ok: true,
      context: {
        conversationId,
        hostOrigin: `https://apps.${region.tld}`,
        targetEnv: region.targetEnv,
        tld: region.tld,
        langTag: safeLang(langTag),
        usePopupAuth,
        mode,
        ...(refKey === undefined ? {} : { refKey }),
      },
    };
  }
  return { ok: false, problem: phrase(messages.missingHost) };
}

function safeLang(tag: string): string {
  return LANG_TAG.test(tag) ? tag : 'en-us';
}

/** The context from this URL, or the one saved before an OAuth redirect replaced the URL. */
export function resolveContext(
  location: Location,
  storage: Storage | undefined,
  allowLoopbackHost: boolean,
): ContextResult {
  const params = new URLSearchParams(location.search);
  const fromUrl =
    params.has('gcHostOrigin') || params.has('pcEnvironment')
      ? parseContext(location.search, allowLoopbackHost)
      : undefined;
  if (fromUrl?.ok) {
    try {
      storage?.setItem(STORAGE_KEY, location.search);
    } catch {
      // Partitioned or blocked storage: popup sign-in carries on without it.
    }
    return fromUrl;
  }
  if (fromUrl) return fromUrl;
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  return saved ? parseContext(saved, allowLoopbackHost) : parseContext(location.search, allowLoopbackHost);
}
