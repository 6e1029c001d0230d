import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, Inline } from '../versions/document-content';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const ORDERED = 'convergo-ordered';

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map((i) => {
    if ('hardBreak' in i) return new TextRun({ text: '', break: 1 });
    const m = i.marks;
    const run = new TextRun({
      text: i.text,
      bold: m.bold,
      italics: m.italic,
      underline: m.underline || m.link ? {} : undefined,
      strike: m.strike,
      font: m.code ? 'Courier New' : undefined,
      style: m.link ? 'Hyperlink' : undefined,
    });
    return m.link ? new ExternalHyperlink({ link: m.link, children: [run] }) : run;
  });
}

/** Word body elements for a block tree; `list` says which list item paragraphs belong to. */
class DocxWriter {
  private instances = 0;
  readonly out: (Paragraph | Table)[] = [];

  write(blocks: Block[], list?: { ordered: boolean; level: number; instance: number }, quote = 0): void {
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading':
          this.out.push(new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.inlines) }));
          break;
        case 'paragraph':
          this.out.push(
            new Paragraph({
              children: runs(b.inlines),
              indent: quote > 0 ? { left: 720 * quote } : undefined,
              ...(list
                ? list.ordered
                  ? { numbering: { reference: ORDERED, level: list.level, instance: list.instance } }
                  : { bullet: { level: list.level } }
                : {}),
            }),
          );
          break;
        case 'list': {
          const level = list ? Math.min(8, list.level + 1) : 0;
          const instance = (this.instances += 1);
          for (const item of b.items) {
            const [first, ...rest] = item;
            // The item's first paragraph carries the bullet; what follows is indented under it.
            if (first) this.write([first], { ordered: b.ordered, level, instance });
            this.write(rest, { ordered: b.ordered, level, instance });
          }
          break;
        }
        case 'blockquote':
          this.write(b.children, list, quote + 1);
          break;
        case 'code':
          this.out.push(
            new Paragraph({
              children: b.text
                .split('\n')
                .map(
                  (line, n) => new TextRun({ text: line, font: 'Courier New', break: n > 0 ? 1 : undefined }),
                ),
            }),
          );
          break;
        case 'rule':
          this.out.push(
            new Paragraph({ border: { bottom: { style: 'single', size: 6, color: '999999', space: 1 } } }),
          );
          break;
        case 'table': {
          if (b.rows.length === 0) break;
          const width = Math.max(1, ...b.rows.map((r) => r.cells.length));
          this.out.push(
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: b.rows.map(
                (r) =>
                  new TableRow({
                    tableHeader: r.header,
                    children: Array.from(
                      { length: width },
                      (_, i) =>
                        new TableCell({
                          children: [
                            new Paragraph({
                              children: runs(
                                (r.cells[i] ?? []).map((c) =>
                                  r.header && !('hardBreak' in c)
                                    ? { ...c, marks: { ...c.marks, bold: true } }
                                    : c,
                                ),
                              ),
                            }),
                          ],
                        }),
                    ),
                  }),
              ),
            }),
          );
          this.out.push(new Paragraph({ children: [] }));
          break;
        }
      }
    }
  }
}

/** A .docx (Office Open XML) of the document: title, headings, lists, marks, links, tables. */
export async function renderDocx(title: string, blocks: Block[]): Promise<Buffer> {
  const writer = new DocxWriter();
  writer.write(blocks);
  const doc = new Document({
    title,
    creator: 'Convergo',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, text: title }), ...writer.out] }],
  });
  return Packer.toBuffer(doc);
}
