import * as Y from 'yjs';
import { contentBlocks, plainText, renderHtml, renderMarkdown, restoreUpdate } from './document-content';

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attrs: Record<string, string> = {},
): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

describe('document content rendering', () => {
  it('renders headings, paragraphs and lists as text, escaped HTML and Markdown', () => {
    const doc = new Y.Doc();
    const bold = new Y.XmlText();
    bold.insert(0, 'due <sedi>');
    bold.format(0, 3, { bold: true });
    doc
      .getXmlFragment('content')
      .insert(0, [
        element('heading', [new Y.XmlText('Piano')], { level: '2' }),
        element('paragraph', [bold]),
        element('bulletList', [
          element('listItem', [element('paragraph', [new Y.XmlText('uno')])]),
          element('listItem', [element('paragraph', [new Y.XmlText('due')])]),
        ]),
        element('orderedList', [element('listItem', [element('paragraph', [new Y.XmlText('primo')])])]),
      ]);
    expect(plainText(doc)).toBe('Piano\ndue <sedi>\nuno\ndue\nprimo');
    const blocks = contentBlocks(doc);
    expect(renderHtml(blocks)).toBe(
      '<h2>Piano</h2>\n<p>due &lt;sedi&gt;</p>\n<ul>\n<li>uno</li>\n<li>due</li>\n</ul>\n<ol>\n<li>primo</li>\n</ol>',
    );
    expect(renderMarkdown(blocks)).toBe('## Piano\n\ndue <sedi>\n\n- uno\n- due\n\n1. primo');
  });

  it('computes a restore as an update on top of the live document', () => {
    const version = new Y.Doc();
    version.getXmlFragment('content').insert(0, [element('paragraph', [new Y.XmlText('vecchio')])]);
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(version));
    const state = Y.encodeStateAsUpdate(version);
    (live.getXmlFragment('content').get(0) as Y.XmlElement).insert(1, [new Y.XmlText(' e nuovo')]);
    live.getXmlFragment('content').insert(1, [element('paragraph', [new Y.XmlText('altro')])]);
    expect(plainText(live)).toBe('vecchio e nuovo\naltro');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(live, restoreUpdate(live, state));
    Y.applyUpdate(other, restoreUpdate(other, state));
    expect(plainText(live)).toBe('vecchio');
    expect(plainText(other)).toBe('vecchio');
  });
});
