import PDFDocument from 'pdfkit';
import type { Block, Inline } from '../versions/document-content';

/** The PDF standard fonts: always embedded-free, WinAnsi-encoded (à è é ì ò ù included). */
const FONT = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
  code: 'Courier',
} as const;

const HEADING_SIZES = [20, 16, 14, 12.5, 11.5, 11];
const BODY_SIZE = 11;
const INDENT = 18;

export interface PdfOptions {
  /** Deflate the page streams (default true); tests read the text with compression off or inflate. */
  compress?: boolean;
}

/** Characters outside WinAnsi (emoji, other scripts) would print as garbage: shown as '?'. */
function winAnsi(text: string): string {
  return text.replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, '?');
}

function fontFor(bold: boolean | undefined, italic: boolean | undefined, code: boolean | undefined): string {
  if (code) return FONT.code;
  if (bold && italic) return FONT.boldItalic;
  if (bold) return FONT.bold;
  if (italic) return FONT.italic;
  return FONT.regular;
}

class PdfWriter {
  private readonly left: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
  }

  /** One paragraph of runs at an indent, with an optional prefix (a bullet or a number). */
  private paragraph(
    inlines: Inline[],
    options: { indent: number; size: number; bold?: boolean; prefix?: string },
  ): void {
    const doc = this.doc;
    const x = this.left + options.indent;
    const width = doc.page.width - doc.page.margins.right - x;
    const parts: { text: string; font: string; link?: string; underline: boolean; strike: boolean }[] = [];
    if (options.prefix)
      parts.push({ text: options.prefix, font: FONT.regular, underline: false, strike: false });
    for (const i of inlines) {
      if ('hardBreak' in i) {
        parts.push({ text: '\n', font: FONT.regular, underline: false, strike: false });
        continue;
      }
      const m = i.marks;
      parts.push({
        text: winAnsi(i.text),
        font: fontFor(options.bold || m.bold, m.italic, m.code),
        link: m.link,
        underline: !!(m.underline || m.link),
        strike: !!m.strike,
      });
    }
    if (parts.length === 0) parts.push({ text: ' ', font: FONT.regular, underline: false, strike: false });
    doc.fontSize(options.size);
    parts.forEach((p, n) => {
      doc.font(p.font);
      const last = n === parts.length - 1;
      const textOptions = {
        continued: !last,
        width,
        link: p.link ?? null,
        underline: p.underline,
        strike: p.strike,
      };
      if (n === 0) doc.text(p.text, x, doc.y, textOptions);
      else doc.text(p.text, textOptions);
    });
    doc.moveDown(0.4);
  }

  write(blocks: Block[], indent = 0): void {
    const doc = this.doc;
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading':
          doc.moveDown(0.3);
          this.paragraph(b.inlines, { indent, size: HEADING_SIZES[b.level - 1], bold: true });
          break;
        case 'paragraph':
          this.paragraph(b.inlines, { indent, size: BODY_SIZE });
          break;
        case 'list':
          b.items.forEach((item, n) => {
            const prefix = b.ordered ? `${b.start + n}. ` : '• ';
            const [first, ...rest] = item;
            if (first?.kind === 'paragraph') {
              this.paragraph(first.inlines, { indent, size: BODY_SIZE, prefix });
              this.write(rest, indent + INDENT);
            } else {
              this.paragraph([], { indent, size: BODY_SIZE, prefix });
              this.write(item, indent + INDENT);
            }
          });
          break;
        case 'blockquote':
          this.write(b.children, indent + INDENT);
          break;
        case 'code':
          doc
            .font(FONT.code)
            .fontSize(10)
            .text(winAnsi(b.text), this.left + indent, doc.y);
          doc.moveDown(0.4);
          break;
        case 'rule': {
          const y = doc.y + 4;
          doc
            .moveTo(this.left + indent, y)
            .lineTo(doc.page.width - doc.page.margins.right, y)
            .strokeColor('#999999')
            .stroke();
          doc.y = y + 8;
          break;
        }
        case 'table':
          // Simple tables as text rows: cells separated by a vertical bar, header rows in bold.
          for (const row of b.rows) {
            const cells = row.cells.flatMap((c, i): Inline[] => [
              ...(i > 0 ? [{ text: '  |  ', marks: {} }] : []),
              ...c.map((x) => ('hardBreak' in x ? { text: ' ', marks: {} } : x)),
            ]);
            this.paragraph(cells, { indent, size: BODY_SIZE, bold: row.header });
          }
          break;
      }
    }
  }
}

/** A PDF of the document: title, headings, paragraphs, lists, tables as text rows, links. */
export function renderPdf(title: string, blocks: Block[], options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    lang: 'it-IT',
    displayTitle: true,
    info: { Title: title, Creator: 'Convergo' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONT.bold).fontSize(22).text(winAnsi(title));
  doc.moveDown(0.8);
  new PdfWriter(doc).write(blocks);
  doc.end();
  return done;
}
