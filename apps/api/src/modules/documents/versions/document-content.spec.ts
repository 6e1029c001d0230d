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
      '<h2>Piano</h2>\n<p><strong>due</strong> &lt;sedi&gt;</p>\n<ul>\n<li>uno</li>\n<li>due</li>\n</ul>\n<ol>\n<li>primo</li>\n</ol>',
    );
    expect(renderMarkdown(blocks)).toBe('## Piano\n\n**due** <sedi>\n\n- uno\n- due\n\n1. primo');
  });

  it('renders links, marks, nested lists, tables, quotes and code; drops unsafe links', () => {
    const doc = new Y.Doc();
    const rich = new Y.XmlText();
    rich.insert(0, 'sito pericolo corsivo barrato <x>');
    rich.format(0, 4, { link: { href: 'https://example.it/?a=1&b="2"' } });
    rich.format(5, 8, { link: { href: 'javascript:alert(1)' }, underline: {} });
    rich.format(14, 7, { italic: {} });
    rich.format(22, 7, { strike: {} });
    const cell = (name: string, text: string) => element(name, [element('paragraph', [new Y.XmlText(text)])]);
    doc
      .getXmlFragment('content')
      .insert(0, [
        element('paragraph', [rich]),
        element('bulletList', [
          element('listItem', [
            element('paragraph', [new Y.XmlText('esterno')]),
            element('orderedList', [element('listItem', [element('paragraph', [new Y.XmlText('interno')])])]),
          ]),
        ]),
        element('table', [
          element('tableRow', [cell('tableHeader', 'Voce'), cell('tableHeader', 'Costo')]),
          element('tableRow', [cell('tableCell', 'Sede | A'), cell('tableCell', '10 €')]),
        ]),
        element('blockquote', [element('paragraph', [new Y.XmlText('citazione')])]),
        element('codeBlock', [new Y.XmlText('a < b')]),
        element('horizontalRule', []),
      ]);
    const blocks = contentBlocks(doc);
    expect(renderHtml(blocks)).toBe(
      [
        '<p><a href="https://example.it/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">sito</a> <u>pericolo</u> <em>corsivo</em> <s>barrato</s> &lt;x&gt;</p>',
        '<ul>\n<li>esterno\n<ol>\n<li>interno</li>\n</ol></li>\n</ul>',
        '<table>\n<tr><th>Voce</th><th>Costo</th></tr>\n<tr><td>Sede | A</td><td>10 €</td></tr>\n</table>',
        '<blockquote>\n<p>citazione</p>\n</blockquote>',
        '<pre><code>a &lt; b</code></pre>',
        '<hr>',
      ].join('\n'),
    );
    expect(renderMarkdown(blocks, { escape: true })).toBe(
      [
        '[sito](<https://example.it/?a=1&b="2">) pericolo _corsivo_ ~~barrato~~ \\<x\\>',
        '- esterno\n  1. interno',
        '| Voce | Costo |\n| --- | --- |\n| Sede \\| A | 10 € |',
        '> citazione',
        '```\na < b\n```',
        '---',
      ].join('\n\n'),
    );
    expect(plainText(doc)).toBe(
      'sito pericolo corsivo barrato <x>\nesterno\ninterno\nVoce\tCosto\nSede | A\t10 €\ncitazione\na < b',
    );
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
