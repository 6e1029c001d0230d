import { DOCUMENT_CONTENT_FRAGMENT } from '@convergo/contracts';
import * as Y from 'yjs';

/**
 * Demo content as a few block shapes, written into the `content` fragment exactly as the web
 * editor (TipTap's StarterKit and TableKit through y-prosemirror) stores them: element names are
 * the ProseMirror node names, heading levels are attributes, a bold lead is the `bold` mark.
 */
export type DemoBlock =
  | { heading: 1 | 2 | 3; text: string }
  | { paragraph: string; lead?: string }
  | { bullets: string[] }
  | { numbered: string[] }
  /** The first row is the header row. */
  | { table: string[][] };

function textNode(text: string, lead?: string): Y.XmlText {
  const node = new Y.XmlText();
  node.applyDelta([...(lead ? [{ insert: lead, attributes: { bold: {} } }] : []), { insert: text }]);
  return node;
}

/** ProseMirror attributes keep their types in Yjs (a heading's level is the number 2). */
type Attributes = Record<string, number>;

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attributes: Attributes = {},
): Y.XmlElement {
  const node = new Y.XmlElement<Attributes>(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.insert(0, children);
  return node as unknown as Y.XmlElement;
}

const paragraph = (text: string, lead?: string): Y.XmlElement => element('paragraph', [textNode(text, lead)]);

function list(name: 'bulletList' | 'orderedList', items: readonly string[]): Y.XmlElement {
  return element(
    name,
    items.map((item) => element('listItem', [paragraph(item)])),
  );
}

function table(rows: readonly string[][]): Y.XmlElement {
  return element(
    'table',
    rows.map((cells, index) =>
      element(
        'tableRow',
        cells.map((cell) =>
          element(index === 0 ? 'tableHeader' : 'tableCell', [paragraph(cell)], { colspan: 1, rowspan: 1 }),
        ),
      ),
    ),
  );
}

function toNode(block: DemoBlock): Y.XmlElement {
  if ('heading' in block) {
    return element('heading', [textNode(block.text)], { level: block.heading });
  }
  if ('paragraph' in block) return paragraph(block.paragraph, block.lead);
  if ('bullets' in block) return list('bulletList', block.bullets);
  if ('numbered' in block) return list('orderedList', block.numbered);
  return table(block.table);
}

/**
 * The update that appends `blocks` to `live`'s content, computed on a copy so the live document
 * changes only through the collaboration write path (stored, then applied and relayed).
 */
export function appendBlocksUpdate(live: Y.Doc, blocks: readonly DemoBlock[]): Uint8Array | null {
  if (blocks.length === 0) return null;
  const work = new Y.Doc();
  try {
    Y.applyUpdate(work, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(work);
    const content = work.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
    work.transact(() => content.insert(content.length, blocks.map(toNode)));
    return Y.encodeStateAsUpdate(work, before);
  } finally {
    work.destroy();
  }
}

/**
 * A comment anchor on the first occurrence of `quote` in the content's text nodes (as the web
 * editor encodes it: base64 Yjs relative positions), or undefined when the text is not there.
 */
export function anchorOn(doc: Y.Doc, quote: string): { start: string; end: string } | undefined {
  const encode = (type: Y.XmlText, index: number): string =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index))).toString(
      'base64',
    );
  const visit = (
    node: Y.XmlElement | Y.XmlText | Y.XmlFragment,
  ): { start: string; end: string } | undefined => {
    if (node instanceof Y.XmlText) {
      const at = plain(node).indexOf(quote);
      return at >= 0 ? { start: encode(node, at), end: encode(node, at + quote.length) } : undefined;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
        const found = visit(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT));
}

/** The text of a node without its formatting (toString() writes marks as tags). */
function plain(node: Y.XmlText): string {
  return (node.toDelta() as { insert?: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}
