// The build's cut of the Platform SDK's ConversationsApi (scripts/build/sdk-methods.ts), on the SDK's
// real source: the methods the widget calls are kept as the SDK wrote them, the rest are gone, and a
// name the class lacks fails the build instead of failing an agent at run time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { conversationsCalls } from '../../app/shared/genesys/sdk-calls.ts';
import { keepApiMethods } from '../../scripts/build/sdk-methods.ts';

const source = readFileSync(
  createRequire(import.meta.url).resolve(
    'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/ConversationsApi.js',
  ),
  'utf8',
);

/** Each method of the file's class, by name, with its source text. */
function methodsOf(code: string): Map<string, string> {
  const program = parse(code, { sourceType: 'module' }).program;
  const methods = new Map<string, string>();
  for (const node of program.body)
    if (node.type === 'ClassDeclaration')
      for (const member of node.body.body)
        if (member.type === 'ClassMethod' && member.key.type === 'Identifier')
          methods.set(member.key.name, code.slice(member.start ?? 0, member.end ?? 0));
  return methods;
}

describe("keeping the widget's ConversationsApi methods", () => {
  it('keeps the constructor and the called methods verbatim, and nothing else', () => {
    const before = methodsOf(source);
    const kept = keepApiMethods(source, 'ConversationsApi', conversationsCalls);
    const after = methodsOf(kept);
    expect(before.size).toBeGreaterThan(100);
    expect([...after.keys()].sort()).toEqual(['constructor', ...conversationsCalls].sort());
    for (const [name, text] of after) expect(text).toBe(before.get(name));
    expect(kept).toContain("import ApiClient from '../ApiClient.js';");
    expect(kept).toMatch(/export default ConversationsApi;\s*$/);
    expect(kept.length).toBeLessThan(source.length / 20);
  });

  it('fails when the class has no method of that name (an SDK upgrade renamed it)', () => {
    expect(() => keepApiMethods(source, 'ConversationsApi', ['getConversation', 'getNoSuchThing'])).toThrow(
      'ConversationsApi has no method getNoSuchThing',
    );
    expect(() => keepApiMethods(source, 'UsersApi', [])).toThrow('no class UsersApi');
  });
});
