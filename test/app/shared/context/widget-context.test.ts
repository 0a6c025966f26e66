import { describe, expect, it } from 'vitest';
import { parseContext, resolveContext } from '../../../../app/shared/context/widget-context.ts';
import { inEnglish } from '../../../support/app/english.ts';

const CONVERSATION = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01';

function query(params: Record<string, string>): string {
  return `?${new URLSearchParams(params)}`;
}

function at(search: string): Location {
  return { search } as Location;
}

/** A Storage whose every call throws, as in a partitioned third-party iframe. */
const blockedStorage = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
} as unknown as Storage;

describe('parseContext', () => {
  it('reads the gc* parameters Genesys fills into the URL template', () => {
    const result = parseContext(
      query({
        gcHostOrigin: 'https://apps.mypurecloud.ie',
        gcTargetEnv: 'prod-euw1',
        gcConversationId: CONVERSATION,
        gcLangTag: 'de-DE',
        gcUsePopupAuth: 'true',
      }),
      false,
    );
    expect(result).toEqual({
      ok: true,
      context: {
        conversationId: CONVERSATION,
        hostOrigin: 'https://apps.mypurecloud.ie',
        targetEnv: 'prod-euw1',
        tld: 'mypurecloud.ie',
        langTag: 'de-DE',
        usePopupAuth: true,
        mode: 'interaction',
      },
    });
  });

  it('falls back to the legacy pc* parameters', () => {
    const result = parseContext(
      query({ pcEnvironment: 'mypurecloud.de', pcConversationId: CONVERSATION, pcLangTag: 'fr-fr' }),
      false,
    );
    expect(result).toEqual({
      ok: true,
      context: {
        conversationId: CONVERSATION,
        hostOrigin: 'https://apps.mypurecloud.de',
        targetEnv: 'prod-euc1',
        tld: 'mypurecloud.de',
        langTag: 'fr-fr',
        usePopupAuth: false,
        mode: 'interaction',
      },
    });
  });

  it('prefers gcConversationId over pcConversationId', () => {
    const result = parseContext(
      query({
        gcHostOrigin: 'https://apps.mypurecloud.com',
        gcTargetEnv: 'prod',
        gcConversationId: CONVERSATION,
        pcConversationId: 'other-conversation',
      }),
      false,
    );
    expect(result.ok && result.context.conversationId).toBe(CONVERSATION);
  });

  it('opens without a conversation when the widget is not tied to an interaction', () => {
    const result = parseContext(
      query({ gcHostOrigin: 'https://apps.mypurecloud.com', gcTargetEnv: 'prod' }),
      false,
    );
    expect(result.ok && result.context.conversationId).toBeUndefined();
  });

  it('rejects an unknown gcTargetEnv', () => {
    const result = parseContext(
      query({ gcHostOrigin: 'https://apps.example.com', gcTargetEnv: 'prod-xyz1' }),
      false,
    );
    expect(inEnglish(result)).toEqual({
      ok: false,
      problem: expect.stringContaining('Unknown Genesys Cloud environment'),
    });
  });

  it('rejects an unknown pcEnvironment', () => {
    const result = parseContext(query({ pcEnvironment: 'evil.example' }), false);
    expect(inEnglish(result)).toEqual({
      ok: false,
      problem: 'Unknown Genesys Cloud environment: evil.example.',
    });
  });

  it.each([
    ['the host of another region', 'https://apps.mypurecloud.com'],
    ['a look-alike host ending in the region', 'https://apps.mypurecloud.ie.evil.example'],
    ['the region without the apps. prefix', 'https://mypurecloud.ie'],
    ['plain http', 'http://apps.mypurecloud.ie'],
  ])('rejects %s as gcHostOrigin for prod-euw1', (_, origin) => {
    const result = parseContext(query({ gcHostOrigin: origin, gcTargetEnv: 'prod-euw1' }), false);
    expect(result.ok).toBe(false);
  });

  it('rejects a gcHostOrigin that carries a path', () => {
    const result = parseContext(
      query({ gcHostOrigin: 'https://apps.mypurecloud.ie/evil', gcTargetEnv: 'prod-euw1' }),
      false,
    );
    expect(inEnglish(result)).toEqual({
      ok: false,
      problem: 'gcHostOrigin must be an origin such as https://apps.mypurecloud.com.',
    });
  });

  it('rejects a gcHostOrigin that is not a URL', () => {
    const result = parseContext(
      query({ gcHostOrigin: 'apps.mypurecloud.ie', gcTargetEnv: 'prod-euw1' }),
      false,
    );
    expect(inEnglish(result)).toEqual({ ok: false, problem: 'gcHostOrigin is not a URL.' });
  });

  it('accepts a loopback desktop when the sandbox org is configured', () => {
    const result = parseContext(
      query({
        gcHostOrigin: 'http://localhost:4100',
        gcTargetEnv: 'sandbox',
        gcConversationId: CONVERSATION,
      }),
      true,
    );
    expect(result).toEqual({
      ok: true,
      context: expect.objectContaining({ hostOrigin: 'http://localhost:4100', tld: 'localhost' }),
    });
  });

  it.each(['http://localhost:4100', 'http://127.0.0.1:4100'])(
    'refuses the loopback desktop %s without the sandbox org',
    (origin) => {
      const result = parseContext(query({ gcHostOrigin: origin, gcTargetEnv: 'prod' }), false);
      expect(inEnglish(result)).toEqual({
        ok: false,
        problem: 'A local desktop is only allowed with the sandbox org.',
      });
    },
  );

  it.each([
    ['a path', '../../admin'],
    ['spaces', 'abc def'],
    ['markup', '<script>alert(1)</script>'],
    ['more than 64 characters', 'a'.repeat(65)],
  ])('rejects a conversation id with %s', (_, id) => {
    const result = parseContext(
      query({ gcHostOrigin: 'https://apps.mypurecloud.com', gcTargetEnv: 'prod', gcConversationId: id }),
      false,
    );
    expect(inEnglish(result)).toEqual({ ok: false, problem: 'The conversation id in the URL is not valid.' });
  });

  it('replaces a malformed language tag with en-us', () => {
    const result = parseContext(
      query({ gcHostOrigin: 'https://apps.mypurecloud.com', gcTargetEnv: 'prod', gcLangTag: '"><img>' }),
      false,
    );
    expect(result.ok && result.context.langTag).toBe('en-us');
  });

  it('explains a URL without any environment parameters', () => {
    const result = parseContext('', false);
    expect(inEnglish(result)).toEqual({
      ok: false,
      problem: expect.stringContaining('Check the integration URL template'),
    });
  });
});

describe('resolveContext', () => {
  const launch = query({
    gcHostOrigin: 'https://apps.mypurecloud.ie',
    gcTargetEnv: 'prod-euw1',
    gcConversationId: CONVERSATION,
  });

  it('keeps the context across the OAuth redirect in sessionStorage', () => {
    const first = resolveContext(at(launch), sessionStorage, false);
    expect(first.ok).toBe(true);

    const afterRedirect = resolveContext(at('?code=abc123&state=attachment-viewer'), sessionStorage, false);
    expect(afterRedirect).toEqual(first);
  });

  it('replaces the saved context when the desktop opens the widget for another interaction', () => {
    resolveContext(at(launch), sessionStorage, false);
    const next = query({
      gcHostOrigin: 'https://apps.mypurecloud.ie',
      gcTargetEnv: 'prod-euw1',
      gcConversationId: 'another-conversation',
    });
    resolveContext(at(next), sessionStorage, false);

    const afterRedirect = resolveContext(at('?code=abc123'), sessionStorage, false);
    expect(afterRedirect.ok && afterRedirect.context.conversationId).toBe('another-conversation');
  });

  it('does not fall back to a saved context when the URL carries an invalid one', () => {
    resolveContext(at(launch), sessionStorage, false);
    const forged = query({ gcHostOrigin: 'https://apps.evil.example', gcTargetEnv: 'prod-euw1' });
    expect(resolveContext(at(forged), sessionStorage, false).ok).toBe(false);
  });

  it('works from the URL when storage is blocked', () => {
    expect(resolveContext(at(launch), blockedStorage, false).ok).toBe(true);
  });

  it('reports the missing parameters when a redirect returns with nothing saved', () => {
    const result = resolveContext(at('?code=abc123'), blockedStorage, false);
    expect(inEnglish(result)).toEqual({
      ok: false,
      problem: expect.stringContaining('without gcHostOrigin and gcTargetEnv'),
    });
  });

  it('applies the sandbox rule to a saved loopback context too', () => {
    const local = query({ gcHostOrigin: 'http://localhost:4100', gcTargetEnv: 'sandbox' });
    expect(resolveContext(at(local), sessionStorage, true).ok).toBe(true);
    expect(resolveContext(at('?code=abc123'), sessionStorage, false).ok).toBe(false);
  });
});

describe('review mode', () => {
  it('opens the standalone review app when the URL template says mode=review, with an optional deep-linked conversation', () => {
    const result = parseContext(
      '?mode=review&gcHostOrigin=https%3A%2F%2Fapps.mypurecloud.ie&gcTargetEnv=prod-euw1&conversationId=b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05',
      false,
    );
    expect(result).toMatchObject({
      ok: true,
      context: { mode: 'review', conversationId: 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05' },
    });
  });
});
