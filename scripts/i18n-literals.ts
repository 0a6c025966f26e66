// Finds user-visible text written into components instead of a catalogue: JSX text, string
// literals rendered as children, and literal values of the attributes people read or hear
// (aria-label, title, placeholder, alt, …). Text without a letter ("·", "←", "100%") is not
// language and passes. Strings built in plain functions are not seen here (docs/i18n.md).
// @babel/parser, because the TypeScript 7 package no longer ships a JavaScript parser API.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';
import type { Node } from '@babel/types';

const USER_VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const LETTER = /\p{L}/u;
/** A capitalised phrase of two or more words: how sentences meant for people look in code. */
const SENTENCE = /^\p{Lu}\p{Ll}*['’]?\p{Ll}* \S+/u;
/** Object keys whose string values are message text or catalogue plumbing, not hard-coded UI. */
const MESSAGE_KEYS = new Set(['defaultMessage', 'description', 'id']);

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** The literal text an expression can evaluate to: both branches of `a ? 'x' : 'y'`, a template's quasis. */
function literalTexts(node: Node | null | undefined): string[] {
  if (!node) return [];
  switch (node.type) {
    case 'StringLiteral':
      return [node.value];
    case 'TemplateLiteral':
      return node.quasis.map((q) => q.value.cooked ?? q.value.raw);
    case 'ConditionalExpression':
      return [...literalTexts(node.consequent), ...literalTexts(node.alternate)];
    case 'LogicalExpression':
    case 'BinaryExpression':
      return [...literalTexts(node.left as Node), ...literalTexts(node.right)];
    default:
      return [];
  }
}

function isConsole(node: Node): boolean {
  return node.type === 'Identifier' && node.name === 'console';
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

export function findLiterals(fileName: string, source: string): Literal[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
  const found: Literal[] = [];
  const report = (node: Node, text: string, looksLikeText: RegExp) => {
    if (looksLikeText.test(text.trim()))
      found.push({ file: fileName, line: node.loc?.start.line ?? 0, text: text.trim() });
  };
  // `rendered`: the node's literals are shown as they are (JSX children, user-visible attributes),
  // so any letter counts; elsewhere only what reads as a sentence does.
  const visit = (node: Node, rendered: boolean) => {
    if (node.type === 'ObjectProperty' && node.key.type === 'Identifier' && MESSAGE_KEYS.has(node.key.name))
      return;
    if (
      node.type === 'TSLiteralType' ||
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration'
    )
      return;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      isConsole(node.callee.object)
    )
      return;
    // An error's message is for the developer reading a log or a stack; what the person sees is
    // chosen from the catalogue by the error's kind (app/shared/errors/preview-error.ts).
    if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && /Error$/.test(node.callee.name))
      return;
    if (node.type === 'CallExpression' && node.callee.type === 'Super' && inErrorClass(node)) return;
    if (node.type === 'JSXText') return report(node, node.value, LETTER);
    if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') {
      for (const text of literalTexts(node)) report(node, text, rendered ? LETTER : SENTENCE);
      if (node.type === 'TemplateLiteral') for (const e of node.expressions) visit(e, false);
      return;
    }
    if (node.type === 'JSXAttribute') {
      if (node.name.type !== 'JSXIdentifier' || !USER_VISIBLE_ATTRIBUTES.has(node.name.name)) {
        if (node.value) visit(node.value, false);
        return;
      }
      if (node.value) visit(node.value, true);
      return;
    }
    if (node.type === 'JSXExpressionContainer') return visit(node.expression, rendered || isChild(node));
    // Literals in a rendered expression are shown only where they are its value, not its condition.
    const passes = rendered && (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression');
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments')
        continue;
      const childRendered = passes && key !== 'test';
      if (Array.isArray(value)) for (const v of value) if (isNode(v)) visit(v, childRendered);
      if (isNode(value)) visit(value, childRendered);
    }
  };
  const parents = new WeakMap<Node, Node>();
  const isChild = (node: Node) => {
    const parent = parents.get(node);
    return parent?.type === 'JSXElement' || parent?.type === 'JSXFragment';
  };
  const index = (node: Node) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc') continue;
      for (const v of Array.isArray(value) ? value : [value])
        if (isNode(v)) {
          parents.set(v, node);
          index(v);
        }
    }
  };
  const inErrorClass = (node: Node): boolean => {
    for (let p = parents.get(node); p; p = parents.get(p))
      if (p.type === 'ClassDeclaration' || p.type === 'ClassExpression')
        return p.superClass?.type === 'Identifier' && /Error$/.test(p.superClass.name);
    return false;
  };
  index(ast.program);
  visit(ast.program, false);
  return found;
}

/** Every literal in the TypeScript files under `folder` (the widget's `app/`). */
export async function findLiteralsIn(root: string, folder = 'app'): Promise<Literal[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
  const found: Literal[] = [];
  for (const file of files.sort())
    found.push(...findLiterals(relative(root, file), await readFile(file, 'utf8')));
  return found;
}
