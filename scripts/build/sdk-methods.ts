// Keeps, of one Platform SDK API class's ES module source, the methods the widget calls. Each API
// class is one generated file with a method per endpoint (ConversationsApi: hundreds, 380 KB of
// source) and the bundler cannot drop a class's unused methods, so the build does it: the methods
// kept are the SDK's own code, untouched, and the file keeps its imports, constructor and export.
// A kept name the class does not have (an SDK upgrade renamed it) fails the build.
import { parse } from '@babel/parser';

export function keepApiMethods(code: string, className: string, keep: readonly string[]): string {
  const program = parse(code, { sourceType: 'module' }).program;
  const declaration = program.body.find(
    (node) => node.type === 'ClassDeclaration' && node.id?.name === className,
  );
  if (declaration?.type !== 'ClassDeclaration') throw new Error(`the SDK's source has no class ${className}`);
  const wanted = new Set(keep);
  const found = new Set<string>();
  const cuts: [number, number][] = [];
  for (const member of declaration.body.body) {
    if (member.type !== 'ClassMethod' || member.kind !== 'method' || member.key.type !== 'Identifier')
      continue;
    const name = member.key.name;
    if (wanted.has(name)) {
      found.add(name);
      continue;
    }
    const start = member.leadingComments?.[0]?.start ?? member.start;
    if (start == null || member.end == null) throw new Error(`${className}.${name} has no position`);
    cuts.push([start, member.end]);
  }
  const missing = keep.filter((name) => !found.has(name));
  if (missing.length) throw new Error(`${className} has no method ${missing.join(', ')}`);
  let kept = '';
  let at = 0;
  for (const [start, end] of cuts) {
    kept += code.slice(at, start);
    at = end;
  }
  return kept + code.slice(at);
}
