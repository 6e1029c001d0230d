import { DOCUMENT_CONTENT_FRAGMENT } from '@convergo/contracts';
import * as Y from 'yjs';

/** Plain text, HTML and Markdown renderings of the rich text ("content" XmlFragment, TipTap's schema). */

const BLOCKS_WITH_LIST = new Set(['bulletList', 'orderedList']);

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The characters of an inline node (XmlText without formatting, nested elements' text). */
function inlineText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    return node.toArray().map(inlineText).join('');
  }
  return '';
}

interface Block {
  kind: 'heading' | 'paragraph' | 'bullet' | 'ordered';
  level: number;
  text: string;
}

function blocksOf(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[], list?: 'bullet' | 'ordered'): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if (node instanceof Y.XmlText) {
      blocks.push({ kind: list ?? 'paragraph', level: 0, text: inlineText(node) });
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const name = node.nodeName;
    if (name === 'heading') {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
      blocks.push({ kind: 'heading', level, text: inlineText(node) });
    } else if (BLOCKS_WITH_LIST.has(name)) {
      blocks.push(...blocksOf(node.toArray(), name === 'bulletList' ? 'bullet' : 'ordered'));
    } else if (name === 'listItem' || name === 'blockquote') {
      blocks.push(...blocksOf(node.toArray(), list));
    } else {
      blocks.push({ kind: list ?? 'paragraph', level: 0, text: inlineText(node) });
    }
  }
  return blocks;
}

export function contentBlocks(doc: Y.Doc): Block[] {
  return blocksOf(doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT).toArray());
}

/** One line per block (headings, paragraphs, list items). */
export function plainText(doc: Y.Doc): string {
  return contentBlocks(doc)
    .map((b) => b.text)
    .join('\n');
}

export function renderHtml(blocks: Block[]): string {
  const out: string[] = [];
  let open: 'bullet' | 'ordered' | undefined;
  const close = () => {
    if (open) out.push(open === 'bullet' ? '</ul>' : '</ol>');
    open = undefined;
  };
  for (const b of blocks) {
    const text = escapeHtml(b.text);
    if (b.kind === 'bullet' || b.kind === 'ordered') {
      if (open !== b.kind) {
        close();
        out.push(b.kind === 'bullet' ? '<ul>' : '<ol>');
        open = b.kind;
      }
      out.push(`<li>${text}</li>`);
      continue;
    }
    close();
    out.push(b.kind === 'heading' ? `<h${b.level}>${text}</h${b.level}>` : `<p>${text}</p>`);
  }
  close();
  return out.join('\n');
}

export function renderMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  let n = 0;
  let previous: Block['kind'] | undefined;
  for (const b of blocks) {
    if (b.kind !== 'ordered') n = 0;
    const listy = b.kind === 'bullet' || b.kind === 'ordered';
    if (previous !== undefined && !(listy && previous === b.kind)) out.push('');
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${b.text}`);
    else if (b.kind === 'bullet') out.push(`- ${b.text}`);
    else if (b.kind === 'ordered') out.push(`${(n += 1)}. ${b.text}`);
    else out.push(b.text);
    previous = b.kind;
  }
  return out.join('\n');
}

/** A Y.Doc holding a stored state; the caller destroys it. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * The update that makes `live`'s content equal the version's: computed on a copy of the live
 * document, in one transaction that deletes every current block and inserts copies of the
 * version's. Applying it to the live document (and every client) is a new change on top.
 */
export function restoreUpdate(live: Y.Doc, versionState: Uint8Array): Uint8Array {
  const work = docFromState(Y.encodeStateAsUpdate(live));
  const version = docFromState(versionState);
  try {
    const target = work.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
    const source = version.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
    work.transact(() => {
      if (target.length > 0) target.delete(0, target.length);
      const copies = source.toArray().map((node) => node.clone());
      if (copies.length > 0) target.insert(0, copies as (Y.XmlElement | Y.XmlText)[]);
    });
    return Y.encodeStateAsUpdate(work, Y.encodeStateVector(live));
  } finally {
    work.destroy();
    version.destroy();
  }
}
