import { DOCUMENT_CONTENT_FRAGMENT } from '@convergo/contracts';
import * as Y from 'yjs';

/**
 * The rich text ("content" XmlFragment, TipTap's ProseMirror schema as y-prosemirror stores it)
 * read into a small block tree, and rendered as plain text, HTML and Markdown. Versions and
 * exports (Markdown, HTML, DOCX, PDF) all read this one tree.
 */

export interface Marks {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Only http(s) and mailto links survive; any other href is dropped, its text kept. */
  link?: string;
}

export type Inline = { text: string; marks: Marks } | { hardBreak: true };

export interface TableRow {
  header: boolean;
  cells: Inline[][];
}

export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'blockquote'; children: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; rows: TableRow[] };

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** A link target a reader may follow: http, https or mailto, else undefined. */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  const trimmed = href.trim();
  return SAFE_HREF.test(trimmed) && !/[\s\p{Cc}]/u.test(trimmed) ? trimmed : undefined;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** y-prosemirror names overlapping marks `<name>--<hash>`; values are the mark's attrs (or true). */
function marksOf(attributes: Record<string, unknown> | undefined): Marks {
  const marks: Marks = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    const name = key.split('--')[0];
    if (name === 'link') {
      const href = safeHref((value as { href?: unknown }).href);
      if (href) marks.link = href;
    } else if (
      name === 'bold' ||
      name === 'italic' ||
      name === 'underline' ||
      name === 'strike' ||
      name === 'code'
    ) {
      marks[name] = true;
    }
  }
  return marks;
}

function inlinesOf(node: YNode): Inline[] {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[])
      .filter((op) => typeof op.insert === 'string' && op.insert.length > 0)
      .map((op) => ({ text: op.insert as string, marks: marksOf(op.attributes) }));
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return [{ hardBreak: true }];
    return node.toArray().flatMap(inlinesOf);
  }
  return [];
}

export function inlineText(inlines: Inline[]): string {
  return inlines.map((i) => ('hardBreak' in i ? '\n' : i.text)).join('');
}

function tableOf(node: Y.XmlElement): Block {
  const rows: TableRow[] = [];
  for (const row of node.toArray()) {
    if (!(row instanceof Y.XmlElement)) continue;
    const cells = row.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
    rows.push({
      header: cells.length > 0 && cells.every((c) => c.nodeName === 'tableHeader'),
      cells: cells.map((cell) => {
        // A cell holds paragraphs: joined with a line break.
        const parts = cell.toArray().map(inlinesOf);
        return parts.flatMap((p, i) => (i === 0 ? p : [{ hardBreak: true } as Inline, ...p]));
      }),
    });
  }
  return { kind: 'table', rows };
}

function blocksOf(nodes: YNode[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if (node instanceof Y.XmlText) {
      blocks.push({ kind: 'paragraph', inlines: inlinesOf(node) });
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const name = node.nodeName;
    if (name === 'heading') {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
      blocks.push({ kind: 'heading', level, inlines: inlinesOf(node) });
    } else if (name === 'bulletList' || name === 'orderedList' || name === 'taskList') {
      const start = Math.max(1, Number(node.getAttribute('start')) || 1);
      const items = node
        .toArray()
        .map((item) => (item instanceof Y.XmlElement ? blocksOf(item.toArray()) : blocksOf([item])));
      blocks.push({ kind: 'list', ordered: name === 'orderedList', start, items });
    } else if (name === 'listItem' || name === 'taskItem') {
      blocks.push(...blocksOf(node.toArray()));
    } else if (name === 'blockquote') {
      blocks.push({ kind: 'blockquote', children: blocksOf(node.toArray()) });
    } else if (name === 'codeBlock') {
      blocks.push({ kind: 'code', text: inlineText(inlinesOf(node)) });
    } else if (name === 'horizontalRule') {
      blocks.push({ kind: 'rule' });
    } else if (name === 'table') {
      blocks.push(tableOf(node));
    } else {
      blocks.push({ kind: 'paragraph', inlines: inlinesOf(node) });
    }
  }
  return blocks;
}

export function contentBlocks(doc: Y.Doc): Block[] {
  return blocksOf(doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT).toArray());
}

function textLines(blocks: Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [inlineText(b.inlines)];
      case 'list':
        return b.items.flatMap(textLines);
      case 'blockquote':
        return textLines(b.children);
      case 'code':
        return [b.text];
      case 'rule':
        return [];
      case 'table':
        return b.rows.map((r) => r.cells.map(inlineText).join('\t'));
    }
  });
}

/** One line per text block (headings, paragraphs, list items, table rows). */
export function plainText(doc: Y.Doc): string {
  return textLines(contentBlocks(doc)).join('\n');
}

// ---------------------------------------------------------------- HTML

function inlineHtml(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      if ('hardBreak' in i) return '<br>';
      let html = escapeHtml(i.text);
      const m = i.marks;
      if (m.code) html = `<code>${html}</code>`;
      if (m.bold) html = `<strong>${html}</strong>`;
      if (m.italic) html = `<em>${html}</em>`;
      if (m.underline) html = `<u>${html}</u>`;
      if (m.strike) html = `<s>${html}</s>`;
      if (m.link) html = `<a href="${escapeHtml(m.link)}" rel="noopener noreferrer">${html}</a>`;
      return html;
    })
    .join('');
}

/** A list item's first paragraph is its text, without a <p> of its own. */
function listItemHtml(item: Block[]): string {
  const [first, ...rest] = item;
  const head = first?.kind === 'paragraph' ? inlineHtml(first.inlines) : blockHtml(first ? [first] : []);
  const tail = first?.kind === 'paragraph' ? rest : item.slice(1);
  return `<li>${head}${tail.length > 0 ? `\n${blockHtml(tail)}` : ''}</li>`;
}

function blockHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${inlineHtml(b.inlines)}</h${b.level}>`;
        case 'paragraph':
          return `<p>${inlineHtml(b.inlines)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const open = b.ordered && b.start !== 1 ? `<ol start="${b.start}">` : `<${tag}>`;
          return [open, ...b.items.map(listItemHtml), `</${tag}>`].join('\n');
        }
        case 'blockquote':
          return `<blockquote>\n${blockHtml(b.children)}\n</blockquote>`;
        case 'code':
          return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
        case 'rule':
          return '<hr>';
        case 'table':
          return [
            '<table>',
            ...b.rows.map((r) => {
              const tag = r.header ? 'th' : 'td';
              return `<tr>${r.cells.map((c) => `<${tag}>${inlineHtml(c)}</${tag}>`).join('')}</tr>`;
            }),
            '</table>',
          ].join('\n');
      }
    })
    .join('\n');
}

/** An HTML fragment; every text is escaped and only http(s)/mailto links are kept. */
export function renderHtml(blocks: Block[]): string {
  return blockHtml(blocks);
}

// ---------------------------------------------------------------- Markdown

export interface MarkdownOptions {
  /**
   * Escape Markdown and HTML syntax in the text, so that what was typed stays text (`<script>`
   * is shown, not run, by any Markdown renderer). Exports escape; version previews do not.
   */
  escape?: boolean;
}

/** Text that any Markdown renderer shows as typed. */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);

function inlineMarkdown(inlines: Inline[], options: MarkdownOptions): string {
  return inlines
    .map((i) => {
      if ('hardBreak' in i) return '\\\n';
      const m = i.marks;
      if (m.code) {
        const fence = i.text.includes('`') ? '``' : '`';
        return `${fence}${i.text.replace(/\n/g, ' ')}${fence}`;
      }
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(i.text)!;
      if (core === '') return i.text;
      let md = options.escape ? escapeMarkdown(core) : core;
      if (m.bold) md = `**${md}**`;
      if (m.italic) md = `_${md}_`;
      if (m.strike) md = `~~${md}~~`;
      if (m.link) md = `[${md}](<${m.link.replace(/[<>]/g, encodeURIComponent)}>)`;
      return lead + md + trail;
    })
    .join('');
}

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : prefix + line))
    .join('\n');

function blockMarkdown(b: Block, options: MarkdownOptions): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlineMarkdown(b.inlines, options)}`;
    case 'paragraph': {
      const md = inlineMarkdown(b.inlines, options);
      // Text that would start a list item stays a paragraph.
      return options.escape
        ? md.replace(/^([-+])(?=\s)/, '\\$1').replace(/^(\d+)([.)])(?=\s)/, '$1\\$2')
        : md;
    }
    case 'list':
      return b.items
        .map((item, n) => {
          const marker = b.ordered ? `${b.start + n}. ` : '- ';
          const body = item.map((child) => blockMarkdown(child, options)).join('\n');
          const [first, ...rest] = body.split('\n');
          return [marker + first, ...rest.map((l) => (l === '' ? l : ' '.repeat(marker.length) + l))].join(
            '\n',
          );
        })
        .join('\n');
    case 'blockquote':
      return indent(blocksMarkdown(b.children, options), '> ');
    case 'code': {
      const fence = b.text.includes('```') ? '~~~~' : '```';
      return `${fence}\n${b.text}\n${fence}`;
    }
    case 'rule':
      return '---';
    case 'table': {
      if (b.rows.length === 0) return '';
      const width = Math.max(...b.rows.map((r) => r.cells.length));
      const line = (cells: Inline[][]) =>
        `| ${Array.from({ length: width }, (_, i) =>
          inlineMarkdown(cells[i] ?? [], { escape: true }).replace(/\\\n/g, '<br>'),
        ).join(' | ')} |`;
      const [head, ...body] = b.rows;
      return [
        line(head.cells),
        `| ${Array(width).fill('---').join(' | ')} |`,
        ...body.map((r) => line(r.cells)),
      ].join('\n');
    }
  }
}

function blocksMarkdown(blocks: Block[], options: MarkdownOptions): string {
  return blocks.map((b) => blockMarkdown(b, options)).join('\n\n');
}

export function renderMarkdown(blocks: Block[], options: MarkdownOptions = {}): string {
  return blocksMarkdown(blocks, options);
}

// ---------------------------------------------------------------- Yjs states

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
