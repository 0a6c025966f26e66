// The widget's context in ref mode: the page the proxy's /ref/<key> route sends a browser to.
import { describe, expect, it } from 'vitest';
import { parseContext } from '../../../../app/shared/context/widget-context.ts';

describe('ref mode', () => {
  it('reads the key and the conversation the link names, in the region the proxy chose', () => {
    const result = parseContext(
      '?mode=ref&ref=claims%2F2026%2Fnotes.txt&pcEnvironment=mypurecloud.ie&conversationId=b2c4e6f8-0a1b',
      false,
    );
    expect(result).toMatchObject({
      ok: true,
      context: {
        mode: 'ref',
        refKey: 'claims/2026/notes.txt',
        conversationId: 'b2c4e6f8-0a1b',
        hostOrigin: 'https://apps.mypurecloud.ie',
      },
    });
  });

  it('has no key when the key is missing, too long or holds controls; other modes never carry one', () => {
    const keyOf = (search: string) => {
      const r = parseContext(search, false);
      return r.ok ? r.context.refKey : 'not ok';
    };
    expect(keyOf('?mode=ref&pcEnvironment=mypurecloud.com')).toBeUndefined();
    expect(keyOf(`?mode=ref&ref=${'a'.repeat(1_025)}&pcEnvironment=mypurecloud.com`)).toBeUndefined();
    expect(keyOf('?mode=ref&ref=a%0Ab&pcEnvironment=mypurecloud.com')).toBeUndefined();
    expect(keyOf('?mode=review&ref=a.pdf&pcEnvironment=mypurecloud.com')).toBeUndefined();
  });
});
