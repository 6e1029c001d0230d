// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type {
  DocumentAttachmentView,
  DocumentView,
  LoginResult,
  Page as ApiPage,
  SpaceView,
} from '@convergo/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite } from './support/browser-suite';
import { TestDocumentGroups } from './support/document-groups';

/**
 * Shared documents in a real Chromium against the real API (demo world): two writers co-edit
 * the same document in two browser contexts over Yjs on the tab's socket — live text, carets
 * with names, concurrent typing that converges, offline edits merged on reconnect — a reader
 * gets a read-only editor, comments on a selection appear live, a named version is restored,
 * the library lists and filters, an attachment goes up and comes down. Pages pass axe.
 */

const BARI = { email: 'funzionaria.bari@convergo.demo', name: 'Francesca De Santis' };
const PALERMO = { email: 'funzionario.palermo@convergo.demo', name: 'Salvatore La Rosa' };
const REGGIO = { email: 'funzionaria.reggio@convergo.demo', name: 'Caterina Morabito' };

describe('shared documents in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' }, startTimeoutMs: 90_000 });
  const { apiLogin, expectAccessible } = suite;
  const groups = new TestDocumentGroups('web_test_group');
  const logins = new Map<string, LoginResult>();

  beforeAll(async () => {
    groups.register(suite.app);
    for (const who of [BARI, PALERMO, REGGIO]) logins.set(who.email, await apiLogin(who.email));
  }, 90_000);

  const login = (email: string) => logins.get(email)!;
  const bearer = (email: string) => `Bearer ${login(email).accessToken}`;

  /** A browser context signed in as `email` (a fresh session of its own), on `path`. */
  async function device(email: string, path: string): Promise<{ page: Page; context: BrowserContext }> {
    const { context, page } = await suite.newDevice();
    const session = await apiLogin(email);
    await page.goto('/accedi');
    await page.evaluate((tokens) => localStorage.setItem('convergo.session', JSON.stringify(tokens)), {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
    });
    await page.goto(path);
    await page.locator('.member-badge').waitFor();
    return { page, context };
  }

  async function createDocument(email: string, body: Record<string, unknown>): Promise<DocumentView> {
    const res = await suite.app
      .http()
      .post('/api/v1/documents')
      .set('authorization', bearer(email))
      .send(body)
      .expect(201);
    return res.body as DocumentView;
  }

  /** A document two writers (Bari, Palermo) share and one reader (Reggio) may only read. */
  async function sharedDocument(title: string): Promise<DocumentView> {
    const owner = groups.add({
      writers: [login(BARI.email).member.id, login(PALERMO.email).member.id],
      readers: [login(REGGIO.email).member.id],
    });
    return createDocument(BARI.email, {
      title,
      kind: 'quadro_logico',
      owner: { type: groups.ownerType, id: owner },
    });
  }

  const editor = (page: Page) => page.locator('.document-editor .ProseMirror');
  /** The document's text, one line per block, without the other editors' caret labels. */
  const editorText = (page: Page) =>
    editor(page).evaluate((root) =>
      [...root.children]
        .map((block) => {
          const copy = block.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
          return copy.textContent ?? '';
        })
        .join('\n'),
    );

  async function openEditor(email: string, doc: DocumentView, title = doc.title) {
    const opened = await device(email, `/documenti/${doc.id}`);
    await opened.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await editor(opened.page).waitFor();
    return opened;
  }

  async function waitForText(
    page: Page,
    predicate: (text: string) => boolean,
    what: string,
  ): Promise<string> {
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await editorText(page);
      if (predicate(text)) return text;
      await page.waitForTimeout(100);
    }
    throw new Error(`timed out waiting for ${what}; editor shows ${JSON.stringify(text)}`);
  }

  /** Selects characters [start, end) of the first paragraph, as a mouse drag would. */
  const selectInFirstParagraph = (page: Page, start: number, end: number) =>
    editor(page).evaluate(
      (element, [from, to]) => {
        const text = element.querySelector('p')!.firstChild!;
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, to);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      },
      [start, end] as const,
    );

  const saved = (page: Page) =>
    page
      .locator('.document-save-status[data-state="saved"][data-phase="ready"]')
      .waitFor({ timeout: 15_000 });

  it('co-edits live with carets, converges on concurrent typing and merges offline edits', async () => {
    const doc = await sharedDocument('Quadro logico del gemellaggio Bari–Palermo');
    const a = await openEditor(BARI.email, doc);
    const b = await openEditor(PALERMO.email, doc);
    await expect(editor(a.page).getAttribute('contenteditable')).resolves.toBe('true');

    // A types: B sees it without a reload.
    await editor(a.page).click();
    await a.page.keyboard.type('Obiettivo generale: servizi digitali.');
    await waitForText(
      b.page,
      (text) => text.includes('Obiettivo generale: servizi digitali.'),
      'A’s text in B',
    );
    await saved(a.page);

    // B puts the caret in the text: A sees B's caret with B's name, and both in the presence list.
    await editor(b.page).click();
    await b.page.keyboard.press('End');
    await a.page.locator('.collaboration-carets__label', { hasText: PALERMO.name }).waitFor();
    await a.page.locator('.document-presence').getByText(PALERMO.name).waitFor({ state: 'attached' });
    await b.page.locator('.document-presence').getByText(BARI.name).waitFor({ state: 'attached' });
    await expectAccessible(a.page, 'documents-editor');

    // Both type in the same paragraph at the same time: the same text on both sides, nothing lost.
    await editor(a.page).click();
    await a.page.keyboard.press('End');
    await Promise.all([
      a.page.keyboard.type(' Bari-uno Bari-due', { delay: 15 }),
      b.page.keyboard.type(' Palermo-uno Palermo-due', { delay: 15 }),
    ]);
    const both = (text: string) =>
      ['Bari-uno', 'Bari-due', 'Palermo-uno', 'Palermo-due'].every((w) => text.includes(w));
    const textA = await waitForText(a.page, both, 'both edits in A');
    await waitForText(b.page, (text) => text === textA, 'B equal to A');
    await saved(a.page);
    await saved(b.page);

    // A goes offline and keeps typing; B keeps typing too. Back online, both texts merge.
    await a.context.setOffline(true);
    await a.page.locator('.document-save-status[data-phase="offline"]').waitFor({ timeout: 15_000 });
    await editor(a.page).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Scritto senza rete da Bari.');
    await a.page.getByText('Offline: le modifiche saranno salvate alla riconnessione').waitFor();
    await editor(b.page).click();
    await b.page.keyboard.press('Control+Home');
    await b.page.keyboard.type('Premessa di Palermo. ');
    await saved(b.page);
    expect(await editorText(b.page)).not.toContain('Scritto senza rete');
    await a.context.setOffline(false);
    const merged = (text: string) =>
      text.includes('Scritto senza rete da Bari.') && text.includes('Premessa di Palermo.');
    const final = await waitForText(b.page, merged, 'A’s offline text in B');
    await waitForText(a.page, (text) => text === final, 'A equal to B after the merge');
    await saved(a.page);

    // A renames the document: B's heading follows live.
    await a.page.getByLabel('Titolo del documento').fill('Quadro logico condiviso');
    await a.page.getByRole('button', { name: 'Salva titolo' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'Quadro logico condiviso' }).waitFor();

    // B exports the merged text as Markdown.
    await b.page.getByRole('tab', { name: 'Esporta' }).click();
    const [markdown] = await Promise.all([
      b.page.waitForEvent('download'),
      b.page.getByRole('button', { name: 'Markdown (.md)' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    expect(readFileSync(await markdown.path(), 'utf8')).toContain('Scritto senza rete da Bari.');

    // Stored on the server: a fresh reader gets the merged text.
    const reader = await openEditor(REGGIO.email, doc, 'Quadro logico condiviso');
    await waitForText(reader.page, (text) => text === final, 'the merged text for a late reader');
  });

  it('gives readers a read-only editor', async () => {
    const doc = await sharedDocument('Verbale di avvio');
    const writer = await openEditor(BARI.email, doc);
    await editor(writer.page).click();
    await writer.page.keyboard.type('Testo ufficiale.');
    await saved(writer.page);

    const reader = await openEditor(REGGIO.email, doc);
    await waitForText(reader.page, (text) => text.includes('Testo ufficiale.'), 'the text for the reader');
    await expect(editor(reader.page).getAttribute('contenteditable')).resolves.toBe('false');
    await reader.page.getByText('Sola lettura: puoi leggere e commentare, non modificare.').waitFor();
    await expect(reader.page.getByRole('toolbar', { name: 'Formattazione' }).count()).resolves.toBe(0);
    await expect(reader.page.getByLabel('Titolo del documento').count()).resolves.toBe(0);
    await editor(reader.page).click();
    await reader.page.keyboard.type('Vandalismo');
    await writer.page.waitForTimeout(300);
    expect(await editorText(writer.page)).not.toContain('Vandalismo');
    expect(await editorText(reader.page)).not.toContain('Vandalismo');

    // Readers may still comment on the text.
    await selectInFirstParagraph(reader.page, 0, 5);
    await reader.page.getByText('Testo selezionato: «Testo»').waitFor();
    await reader.page.getByLabel('Commento sul testo selezionato').fill('Quale testo?');
    await reader.page.getByRole('button', { name: 'Commenta', exact: true }).click();
    await writer.page
      .locator('.document-comment', { hasText: 'Quale testo?' })
      .getByText(REGGIO.name)
      .waitFor();
  });

  it('says so when the document is not readable or does not exist', async () => {
    const doc = await sharedDocument('Riservato');
    const { page } = await device('referente.napoli@convergo.demo', `/documenti/${doc.id}`);
    await page.getByRole('alert').getByText('Non hai accesso a questo documento.').waitFor();
    await expect(editor(page).count()).resolves.toBe(0);
    await page.goto('/documenti/7d6f9c1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f');
    await page.getByRole('alert').getByText('Questo documento non esiste o è stato eliminato.').waitFor();
  });

  it('comments on a selection live, and restores a named version', async () => {
    const doc = await sharedDocument('Piano con commenti');
    const a = await openEditor(BARI.email, doc);
    const b = await openEditor(PALERMO.email, doc);
    await editor(a.page).click();
    await a.page.keyboard.type('Il budget previsto è di 100.000 euro.');
    await saved(a.page);
    await waitForText(b.page, (text) => text.includes('100.000 euro'), 'the text in B');

    // A selects "budget previsto" and comments on it: B sees the comment, quoted, without a reload.
    await selectInFirstParagraph(a.page, 3, 18);
    await a.page.getByText('Testo selezionato: «budget previsto»').waitFor();
    await a.page.getByLabel('Commento sul testo selezionato').fill('Da verificare con la ragioneria.');
    await a.page.getByRole('button', { name: 'Commenta', exact: true }).click();
    const commentInB = b.page.locator('.document-comment', { hasText: 'Da verificare con la ragioneria.' });
    await commentInB.waitFor();
    await commentInB.getByText('Sul testo: «budget previsto»').waitFor();
    await commentInB.getByText(BARI.name, { exact: false }).waitFor();
    // The commented words are highlighted in both editors, from the anchor's relative positions.
    await b.page.locator('.ProseMirror .document-comment-anchor', { hasText: 'budget previsto' }).waitFor();
    await a.page.locator('.ProseMirror .document-comment-anchor', { hasText: 'budget previsto' }).waitFor();
    // B resolves it: A sees it leave the open list and the highlight go.
    await commentInB.getByRole('button', { name: 'Risolvi' }).click();
    await a.page
      .locator('.document-comment', { hasText: 'Da verificare con la ragioneria.' })
      .waitFor({ state: 'detached' });
    await a.page.locator('.ProseMirror .document-comment-anchor').waitFor({ state: 'detached' });
    // A shows resolved comments and reopens it; B replies; A sees the reply under it.
    await a.page.getByText('Mostra anche i commenti risolti').click();
    const commentInA = a.page.locator('.document-comment', { hasText: 'Da verificare con la ragioneria.' });
    await commentInA.getByRole('button', { name: 'Riapri' }).click();
    await commentInB.getByRole('button', { name: 'Risolvi' }).waitFor();
    await commentInB.getByRole('button', { name: 'Rispondi' }).click();
    await b.page.getByLabel('Risposta al commento').fill('Verificato: confermato.');
    await b.page.getByRole('button', { name: 'Invia risposta' }).click();
    await commentInA.getByText('Verificato: confermato.').waitFor();
    await a.page.locator('.ProseMirror .document-comment-anchor', { hasText: 'budget previsto' }).waitFor();

    // A saves a named version, changes the text, then restores the version: B's editor follows.
    await a.page.getByRole('tab', { name: 'Versioni' }).click();
    await a.page.getByLabel('Nome della versione').fill('Bozza per la giunta');
    await a.page.getByRole('button', { name: 'Salva versione' }).click();
    await a.page.locator('[data-version-id]', { hasText: 'Bozza per la giunta' }).waitFor();
    await b.page.getByRole('tab', { name: 'Versioni' }).click();
    await b.page.locator('[data-version-id]', { hasText: 'Bozza per la giunta' }).waitFor();
    await expectAccessible(a.page, 'documents-editor-versions');

    await editor(a.page).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Cifra da rivedere.');
    await saved(a.page);
    await waitForText(b.page, (text) => text.includes('Cifra da rivedere.'), 'the change in B');

    const version = a.page.locator('[data-version-id]', { hasText: 'Bozza per la giunta' });
    await version.getByRole('button', { name: 'Confronta con il testo attuale' }).click();
    await a.page.locator('.document-diff-added', { hasText: 'rivedere' }).waitFor();
    await version.getByRole('button', { name: 'Ripristina' }).click();
    await version.getByRole('alertdialog').waitFor();
    await version.getByRole('button', { name: 'Conferma il ripristino' }).click();
    await waitForText(
      b.page,
      (text) => text.includes('100.000 euro.') && !text.includes('Cifra da rivedere'),
      'the restored text in B',
    );
    await waitForText(a.page, (text) => !text.includes('Cifra da rivedere'), 'the restored text in A');
  });

  it('lists and filters the library, and creates a document from it', async () => {
    const spaces = await suite.app
      .http()
      .get('/api/v1/spaces')
      .set('authorization', bearer(BARI.email))
      .expect(200);
    const space = (spaces.body as ApiPage<SpaceView>).items.find((s) => s.visibility === 'public');
    if (!space) throw new Error('no public demo space');
    await createDocument(BARI.email, {
      title: 'Verbale della riunione di coordinamento',
      kind: 'verbale',
      owner: { type: 'space', id: space.id },
      tags: ['coordinamento'],
    });
    await createDocument(BARI.email, {
      title: 'Analisi dei processi di protocollo',
      kind: 'analisi_organizzativa',
      owner: { type: 'space', id: space.id },
    });

    const { page } = await device(BARI.email, '/');
    await page
      .getByRole('navigation', { name: 'Navigazione principale' })
      .getByRole('link', { name: 'Documenti', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Documenti condivisi' }).waitFor();
    const list = page.getByRole('list', { name: 'Elenco dei documenti' });
    await list.getByRole('link', { name: 'Verbale della riunione di coordinamento' }).waitFor();
    await list.getByRole('link', { name: 'Analisi dei processi di protocollo' }).waitFor();
    await expectAccessible(page, 'documents-library');

    // By kind: only the minutes remain.
    await page.getByLabel('Tipo', { exact: true }).selectOption('verbale');
    await list
      .getByRole('link', { name: 'Analisi dei processi di protocollo' })
      .waitFor({ state: 'detached' });
    await list.getByRole('link', { name: 'Verbale della riunione di coordinamento' }).waitFor();
    expect(page.url()).toContain('kind=verbale');
    // By words of the title, with the kind cleared.
    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await page.getByLabel('Cerca nel titolo').fill('protocollo');
    await list
      .getByRole('link', { name: 'Verbale della riunione di coordinamento' })
      .waitFor({ state: 'detached' });
    await list.getByRole('link', { name: 'Analisi dei processi di protocollo' }).waitFor();
    // By owner, from a link such as a space page would give.
    await page.goto(`/documenti?owner=space:${space.id}&tag=coordinamento`);
    await page
      .getByRole('list', { name: 'Elenco dei documenti' })
      .getByRole('link', { name: 'Verbale della riunione di coordinamento' })
      .waitFor();
    await expect(
      page.getByRole('list', { name: 'Elenco dei documenti' }).getByRole('link').count(),
    ).resolves.toBe(1);

    // Labs the member takes part in are owners too.
    const admin = await apiLogin('admin@convergo.demo');
    const lab = await suite.app
      .http()
      .post('/api/v1/labs')
      .set('authorization', `Bearer ${admin.accessToken}`)
      .send({ title: 'Laboratorio sulla transizione digitale', ambito: 'A' })
      .expect(201);
    await suite.app
      .http()
      .put(`/api/v1/labs/${(lab.body as { id: string }).id}/participants/${login(BARI.email).member.id}`)
      .set('authorization', `Bearer ${admin.accessToken}`)
      .send({ role: 'participant' })
      .expect((res) => expect([200, 201, 204]).toContain(res.status));

    // A new personal draft: the editor opens on it.
    await page.goto('/documenti');
    await page
      .getByLabel('Dove salvarlo')
      .locator('option', { hasText: 'Laboratorio: Laboratorio sulla transizione digitale' })
      .waitFor({ state: 'attached' });
    await page.locator('#new-document-title').fill('Note per il laboratorio');
    await page.getByLabel('Tipo di documento').selectOption('note');
    await page.getByLabel('Dove salvarlo').selectOption({ label: 'Le mie bozze' });
    await page.getByRole('button', { name: 'Crea documento' }).click();
    await page.getByRole('heading', { level: 1, name: 'Note per il laboratorio' }).waitFor();
    await expect(editor(page).getAttribute('contenteditable')).resolves.toBe('true');
    expect(page.url()).toMatch(/\/documenti\/[0-9a-f-]{36}$/);

    // Formatting and Yjs' own undo/redo from the toolbar.
    await editor(page).click();
    await page.keyboard.type('Punti da discutere');
    const toolbar = page.getByRole('toolbar', { name: 'Formattazione' });
    await toolbar.getByRole('button', { name: 'Titolo di livello 2' }).click();
    await editor(page).locator('h2', { hasText: 'Punti da discutere' }).waitFor();
    await expect(
      toolbar.getByRole('button', { name: 'Titolo di livello 2' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await toolbar.getByRole('button', { name: 'Annulla' }).click();
    await editor(page).locator('h2').waitFor({ state: 'detached' });
    await toolbar.getByRole('button', { name: 'Ripeti' }).click();
    await editor(page).locator('h2', { hasText: 'Punti da discutere' }).waitFor();
  });

  it('uploads an attachment, shows it live and downloads it', async () => {
    const doc = await sharedDocument('Documento con allegati');
    const a = await openEditor(BARI.email, doc);
    const b = await openEditor(PALERMO.email, doc);
    await a.page.getByRole('tab', { name: 'Allegati' }).click();
    await b.page.getByRole('tab', { name: 'Allegati' }).click();
    await b.page.getByText('Nessun allegato.').waitFor();

    const content = 'Indicatore;Valore\nPratiche digitali;42\n';
    await a.page.getByLabel('File da allegare').setInputFiles({
      name: 'indicatori.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(content),
    });
    await a.page.getByRole('button', { name: 'Carica', exact: true }).click();
    await a.page.locator('[data-attachment-id]', { hasText: 'indicatori.csv' }).waitFor();
    await b.page.locator('[data-attachment-id]', { hasText: 'indicatori.csv' }).waitFor();

    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      b.page.getByRole('button', { name: 'Scarica indicatori.csv' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('indicatori.csv');
    expect(readFileSync(await download.path(), 'utf8')).toBe(content);

    // A file type the API refuses is explained in Italian.
    await a.page.getByLabel('File da allegare').setInputFiles({
      name: 'script.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ\x90\x00binary'),
    });
    await a.page.getByRole('button', { name: 'Carica', exact: true }).click();
    await a.page.getByText('Questo tipo di file non è accettato.').waitFor();
    await expectAccessible(a.page, 'documents-editor-attachments');

    // B may not delete A's file; A deletes it and B's list follows.
    await expect(b.page.getByRole('button', { name: 'Elimina indicatori.csv' }).count()).resolves.toBe(0);
    await a.page.getByRole('button', { name: 'Elimina indicatori.csv' }).click();
    await b.page
      .locator('[data-attachment-id]', { hasText: 'indicatori.csv' })
      .waitFor({ state: 'detached' });
    const list = await suite.app
      .http()
      .get(`/api/v1/documents/${doc.id}/attachments`)
      .set('authorization', bearer(BARI.email))
      .expect(200);
    expect((list.body as ApiPage<DocumentAttachmentView>).items).toEqual([]);
  });
});
