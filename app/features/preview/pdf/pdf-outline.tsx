import type { PDFDocumentProxy } from 'pdfjs-dist';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from '../../../shared/i18n/messages.ts';
import { destinationPage } from './pdf-links.ts';
import { pdfMessages as m } from './pdf-messages.ts';

interface OutlineNode {
  id: string;
  title: string;
  dest: unknown;
  children: OutlineNode[];
}

interface RawItem {
  title: string;
  dest: unknown;
  items?: RawItem[];
}
type RawOutline = RawItem[];

function toNodes(items: RawOutline, prefix: string): OutlineNode[] {
  return items.map((item, i) => ({
    id: `${prefix}${i}`,
    title: item.title,
    dest: item.dest,
    children: toNodes(item.items ?? [], `${prefix}${i}.`),
  }));
}

/** The document's bookmarks, when it has some (undefined while reading, [] when none). */
export function usePdfOutline(doc: PDFDocumentProxy): OutlineNode[] | undefined {
  const [nodes, setNodes] = useState<OutlineNode[]>();
  useEffect(
    function readOutline() {
      let cancelled = false;
      Promise.resolve()
        .then(() => doc.getOutline())
        .then(
          (outline) => !cancelled && setNodes(toNodes((outline ?? []) as RawOutline, '')),
          () => !cancelled && setNodes([]),
        );
      return () => {
        cancelled = true;
      };
    },
    [doc],
  );
  return nodes;
}

interface Visible {
  node: OutlineNode;
  level: number;
  parent: string | undefined;
  setSize: number;
  position: number;
}

/**
 * The outline as an ARIA tree (WAI-ARIA APG "Tree View"): one tab stop; Up/Down move, Right opens
 * or steps in, Left closes or steps out, Home/End, Enter goes to the bookmark's page.
 */
export function PdfOutline({
  doc,
  nodes,
  onGoTo,
}: {
  doc: PDFDocumentProxy;
  nodes: OutlineNode[];
  onGoTo: (page: number) => void;
}) {
  const intl = useIntl();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(nodes[0]?.id);
  const tree = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => {
    const out: Visible[] = [];
    const walk = (list: OutlineNode[], level: number, parent: string | undefined) =>
      list.forEach((node, i) => {
        out.push({ node, level, parent, setSize: list.length, position: i + 1 });
        if (open.has(node.id)) walk(node.children, level + 1, node.id);
      });
    walk(nodes, 1, undefined);
    return out;
  }, [nodes, open]);

  const focus = (id: string | undefined) => {
    if (id === undefined) return;
    setActive(id);
    requestAnimationFrame(() => tree.current?.querySelector<HTMLElement>(`[data-node="${id}"]`)?.focus());
  };

  async function go(node: OutlineNode) {
    const page = await destinationPage(doc, node.dest);
    if (page !== undefined) onGoTo(page);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = visible.findIndex((v) => v.node.id === active);
    const item = visible[at];
    if (!item) return;
    const { node } = item;
    const toggle = (on: boolean) =>
      setOpen((old) => {
        const next = new Set(old);
        if (on) next.add(node.id);
        else next.delete(node.id);
        return next;
      });
    switch (event.key) {
      case 'ArrowDown':
        focus(visible[at + 1]?.node.id);
        break;
      case 'ArrowUp':
        focus(visible[at - 1]?.node.id);
        break;
      case 'Home':
        focus(visible[0]?.node.id);
        break;
      case 'End':
        focus(visible.at(-1)?.node.id);
        break;
      case 'ArrowRight':
        if (node.children.length === 0) return;
        if (open.has(node.id)) focus(node.children[0]?.id);
        else toggle(true);
        break;
      case 'ArrowLeft':
        if (open.has(node.id)) toggle(false);
        else focus(item.parent);
        break;
      case 'Enter':
      case ' ':
        void go(node);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  const render = (list: OutlineNode[], level: number) =>
    list.map((node, i) => {
      const expandable = node.children.length > 0;
      const expanded = open.has(node.id);
      return (
        // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled once for the whole tree (onKeyDown on role=tree)
        <div
          key={node.id}
          role="treeitem"
          data-node={node.id}
          aria-level={level}
          aria-setsize={list.length}
          aria-posinset={i + 1}
          aria-expanded={expandable ? expanded : undefined}
          aria-selected={node.id === active}
          tabIndex={node.id === active ? 0 : -1}
          onClick={(e) => {
            e.stopPropagation();
            setActive(node.id);
            if (expandable && (e.target as HTMLElement).classList.contains('pdf-outline-twisty'))
              setOpen((old) => {
                const next = new Set(old);
                if (expanded) next.delete(node.id);
                else next.add(node.id);
                return next;
              });
            else void go(node);
          }}
        >
          <span className="pdf-outline-row">
            <span className="pdf-outline-twisty" aria-hidden="true">
              {expandable ? (expanded ? '▾' : '▸') : ''}
            </span>
            {node.title}
          </span>
          {expandable && expanded ? (
            // biome-ignore lint/a11y/useSemanticElements: a tree's nested level is role=group (WAI-ARIA), not a fieldset
            <div role="group">{render(node.children, level + 1)}</div>
          ) : null}
        </div>
      );
    });

  return (
    <div
      ref={tree}
      role="tree"
      className="pdf-outline"
      aria-label={intl.formatMessage(m.outline)}
      onKeyDown={onKeyDown}
    >
      {render(nodes, 1)}
    </div>
  );
}
