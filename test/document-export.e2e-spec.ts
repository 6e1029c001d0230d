import type { DocumentVersionView, DocumentView } from '@convergo/contracts';
import { strFromU8, unzipSync } from 'fflate';
import type { Stream } from 'node:stream';
import { inflateSync } from 'node:zlib';
import type { Response } from 'supertest';
import * as Y from 'yjs';
import { TestDocumentGroups } from './support/document-groups';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const groups = new TestDocumentGroups('test_export_group');

/** Collects a response as bytes (superagent only buffers text and JSON by itself). */
const binary = (res: Stream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The text a PDF shows: every content stream inflated (pdfkit deflates them), then the hex
 * strings of its TJ operators decoded as WinAnsi, one line per TJ. Enough for pdfkit's output.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      content = match[1];
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(new TextDecoder('windows-1252').decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}

/** A text node; each format applies to the first occurrence of its `part`. */
function text(value: string, format?: { part: string; attrs: Record<string, unknown> }[]) {
  const t = new Y.XmlText();
  t.insert(0, value);
  for (const f of format ?? []) {
    const from = value.indexOf(f.part);
    if (from < 0) throw new Error(`${f.part} is not in ${value}`);
    t.format(from, f.part.length, f.attrs);
  }
  return t;
}

const cell = (name: 'tableHeader' | 'tableCell', value: string) =>
  element(name, [element('paragraph', [text(value)])]);

describe('document export', () => {
  let t: TestApp;
  let alice: TestMember;
  let reader: TestMember;
  let stranger: TestMember;
  let docId: string;
  let version: DocumentVersionView;

  const auth = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const exportAs = (m: TestMember, format: string, path = `/api/v1/documents/${docId}/export`) =>
    t.http().get(`${path}?format=${format}`).set(auth(m)).buffer(true).parse(binary);
  const problem = (res: Response): unknown => JSON.parse((res.body as Buffer).toString('utf8'));

  beforeAll(async () => {
    t = await startTestApp();
    [alice, reader, stranger] = await Promise.all([
      newMember(t, { displayName: 'Alice' }),
      newMember(t, { displayName: 'Reader' }),
      newMember(t, { displayName: 'Stranger' }),
    ]);
    groups.register(t);
    const group = groups.add({ readers: [reader.id], writers: [alice.id] });
    const created = await t
      .http()
      .post('/api/v1/documents')
      .set(auth(alice))
      .send({
        title: 'Piano "Città" 2026',
        kind: 'piano_strategico',
        owner: { type: groups.ownerType, id: group },
      })
      .expect(201);
    docId = (created.body as DocumentView).id;

    const client = await YjsClient.connect(t.baseUrl, alice.accessToken);
    await client.open(docId);
    client.doc.transact(() => {
      client.content.insert(0, [
        element('heading', [text('Obiettivi del gemellaggio')], { level: 1 }),
        element('paragraph', [
          text('Attività già svolte: formazione con il comune di Matera, più efficienza.', [
            { part: 'Attività', attrs: { bold: {} } },
            { part: 'Matera', attrs: { link: { href: 'https://www.comune.matera.it' } } },
          ]),
        ]),
        element('heading', [text('Fasi')], { level: 2 }),
        element('bulletList', [
          element('listItem', [element('paragraph', [text('Analisi organizzativa')])]),
          element('listItem', [
            element('paragraph', [text('Piano di azione')]),
            element('orderedList', [
              element('listItem', [element('paragraph', [text('Verifica trimestrale')])]),
            ]),
          ]),
        ]),
        element('paragraph', [
          text('<script>alert("x")</script> e un link [non sicuro]', [
            { part: '[non sicuro]', attrs: { link: { href: 'javascript:alert(1)' } } },
          ]),
        ]),
        element('table', [
          element('tableRow', [cell('tableHeader', 'Voce'), cell('tableHeader', 'Costo')]),
          element('tableRow', [cell('tableCell', 'Trasferte'), cell('tableCell', '1.200 €')]),
        ]),
      ]);
    });
    const acks = await client.acks();
    expect(acks.every((a) => a.ok)).toBe(true);
    version = (
      await t
        .http()
        .post(`/api/v1/documents/${docId}/versions`)
        .set(auth(alice))
        .send({ name: 'Consegna' })
        .expect(201)
    ).body as DocumentVersionView;
    // A later change: the version export must not show it.
    client.doc.transact(() =>
      client.content.push([element('paragraph', [text('Aggiunta dopo la versione')])]),
    );
    expect((await client.acks()).every((a) => a.ok)).toBe(true);
    // Leaving now lets the end-of-session work finish long before the app shuts down.
    client.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exports Markdown with headings, lists, marks, links and a table; typed markup stays text', async () => {
    const res = await exportAs(reader, 'md').expect(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Piano _Citta_ 2026.md"; filename*=UTF-8''Piano%20_Citt%C3%A0_%202026.md`,
    );
    const md = (res.body as Buffer).toString('utf8');
    expect(md).toContain('# Piano "Città" 2026\n');
    expect(md).toContain('# Obiettivi del gemellaggio');
    expect(md).toContain('**Attività** già svolte');
    expect(md).toContain('[Matera](<https://www.comune.matera.it>)');
    expect(md).toContain('- Analisi organizzativa\n- Piano di azione\n  1. Verifica trimestrale');
    expect(md).toContain('| Voce | Costo |\n| --- | --- |\n| Trasferte | 1.200 € |');
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(md).not.toContain('javascript:');
    expect(md).toContain('Aggiunta dopo la versione');
  });

  it('exports a standalone Italian HTML page with everything escaped', async () => {
    const res = await exportAs(reader, 'html').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const html = (res.body as Buffer).toString('utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="it">')).toBe(true);
    expect(html).toContain('<title>Piano &quot;Città&quot; 2026</title>');
    expect(html).toContain('@media print');
    expect(html).toContain('<h1>Obiettivi del gemellaggio</h1>');
    expect(html).toContain(
      '<p><strong>Attività</strong> già svolte: formazione con il comune di <a href="https://www.comune.matera.it" rel="noopener noreferrer">Matera</a>, più efficienza.</p>',
    );
    expect(html).toContain(
      '<ul>\n<li>Analisi organizzativa</li>\n<li>Piano di azione\n<ol>\n<li>Verifica trimestrale</li>\n</ol></li>\n</ul>',
    );
    expect(html).toContain('<tr><th>Voce</th><th>Costo</th></tr>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
  });

  it('exports DOCX whose document.xml has the words, list numbering, a hyperlink and a table', async () => {
    const res = await exportAs(reader, 'docx').expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''Piano%20_Citt%C3%A0_%202026.docx`);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const xml = strFromU8(files['word/document.xml']);
    for (const words of [
      'Obiettivi del gemellaggio',
      'Attività',
      'Verifica trimestrale',
      'Trasferte',
      '1.200 €',
    ])
      expect(xml).toContain(words);
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toMatch(/<w:tbl>/);
    expect(xml).toMatch(/<w:numPr>/);
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id=/);
    const rels = strFromU8(files['word/_rels/document.xml.rels']);
    expect(rels).toContain('https://www.comune.matera.it');
    expect(rels).not.toContain('javascript:');
  });

  it('exports a PDF whose pages carry the text, Italian accents included', async () => {
    const res = await exportAs(reader, 'pdf').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const shown = pdfText(pdf);
    expect(shown).toContain('Piano "Città" 2026');
    expect(shown).toContain('Obiettivi del gemellaggio');
    expect(shown).toContain('Attività');
    expect(shown).toContain('più efficienza.');
    expect(shown).toContain('Verifica trimestrale');
    expect(shown).toContain('Trasferte');
    expect(shown).toContain('<script>alert("x")</script>');
    expect(pdf.toString('latin1')).toContain('https://www.comune.matera.it');
  });

  it('exports a named version as it was', async () => {
    const path = `/api/v1/documents/${docId}/versions/${version.id}/export`;
    const res = await exportAs(reader, 'md', path).expect(200);
    const md = (res.body as Buffer).toString('utf8');
    expect(md).toContain('# Piano "Città" 2026 - Consegna');
    expect(md).toContain('Verifica trimestrale');
    expect(md).not.toContain('Aggiunta dopo la versione');
    const missing = await exportAs(
      reader,
      'md',
      `/api/v1/documents/${docId}/versions/00000000-0000-4000-8000-000000000000/export`,
    );
    expect(missing.status).toBe(404);
    expect(problem(missing)).toMatchObject({ code: 'document_version_not_found' });
  });

  it('refuses non-readers and bad formats', async () => {
    const forbidden = await exportAs(stranger, 'pdf');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem(forbidden)).toMatchObject({ code: 'document_forbidden' });
    const unknown = await exportAs(
      reader,
      'md',
      '/api/v1/documents/00000000-0000-4000-8000-000000000000/export',
    );
    expect(unknown.status).toBe(404);
    for (const format of ['exe', '', 'PDF', 'md%0d%0a']) {
      const bad = await exportAs(reader, format);
      expect(bad.status).toBe(400);
      expect(problem(bad)).toMatchObject({ code: 'validation_failed' });
    }
    const noFormat = await t.http().get(`/api/v1/documents/${docId}/export`).set(auth(reader));
    expect(noFormat.status).toBe(400);
  });
});
