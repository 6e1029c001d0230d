import { DOCUMENT_CONTENT_FRAGMENT } from '@convergo/contracts';
import * as Y from 'yjs';
import { anchorOn, appendBlocksUpdate } from './demo-content';
import { contentBlocks } from './versions/document-content';

describe('demo content', () => {
  it('appends blocks through an update, leaving the live document untouched until it is applied', () => {
    const live = new Y.Doc();
    const update = appendBlocksUpdate(live, [
      { heading: 2, text: 'Attività' },
      { paragraph: 'due incontri di lavoro.', lead: 'Nota. ' },
      { numbered: ['Mappatura', 'Incontri'] },
      {
        table: [
          ['Fase', 'Periodo'],
          ['Analisi', 'Primo mese'],
        ],
      },
    ])!;
    expect(live.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT).length).toBe(0);
    Y.applyUpdate(live, update);
    expect(contentBlocks(live)).toEqual([
      { kind: 'heading', level: 2, inlines: [{ text: 'Attività', marks: {} }] },
      {
        kind: 'paragraph',
        inlines: [
          { text: 'Nota. ', marks: { bold: true } },
          { text: 'due incontri di lavoro.', marks: {} },
        ],
      },
      {
        kind: 'list',
        ordered: true,
        start: 1,
        items: [
          [{ kind: 'paragraph', inlines: [{ text: 'Mappatura', marks: {} }] }],
          [{ kind: 'paragraph', inlines: [{ text: 'Incontri', marks: {} }] }],
        ],
      },
      {
        kind: 'table',
        rows: [
          { header: true, cells: [[{ text: 'Fase', marks: {} }], [{ text: 'Periodo', marks: {} }]] },
          { header: false, cells: [[{ text: 'Analisi', marks: {} }], [{ text: 'Primo mese', marks: {} }]] },
        ],
      },
    ]);
    expect(appendBlocksUpdate(live, [])).toBeNull();
  });

  it('anchors on the first occurrence of a quote, inside a table cell too', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, appendBlocksUpdate(doc, [{ table: [['Fase'], ['Primo scambio di dati']] }])!);
    const anchor = anchorOn(doc, 'scambio')!;
    const start = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(anchor.start, 'base64')),
      doc,
    )!;
    const end = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(anchor.end, 'base64')),
      doc,
    )!;
    expect(start.type).toBe(end.type);
    expect((start.type as Y.XmlText).toString().slice(start.index, end.index)).toBe('scambio');
    expect(anchorOn(doc, 'assente')).toBeUndefined();
  });
});
