import type { SearchHit, SearchPage } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('search', () => {
  let t: TestApp;
  let alice: TestMember;
  let bob: TestMember;
  let outsider: TestMember;
  let admin: TestMember;
  let metro: { id: string };
  let poat: { id: string };
  let secret: { id: string };
  const ids: Record<string, string> = {};

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const search = async (m: TestMember, query: Record<string, string | number>): Promise<SearchPage> =>
    (await t.http().get('/api/v1/search').query(query).set(as(m)).expect(200)).body as SearchPage;
  const postIds = (page: SearchPage) => page.items.map((hit: SearchHit) => hit.post.id);

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, outsider, admin] = await Promise.all([
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Oscar Esterno' }),
      newMember(t, { role: 'admin' }),
    ]);
    metro = await newSpace(t, { name: 'Piani strategici metropolitani' });
    poat = await newSpace(t, { name: 'Servizi ai cittadini' });
    secret = await newSpace(t, { visibility: 'private', members: [{ member: alice }] });

    const piano = await newThread(t, alice, metro.id, {
      title: 'Il piano strategico della città metropolitana',
      body: 'Abbiamo avviato il **progetto** di riorganizzazione con la Città metropolitana di Bari.',
      tags: ['pon metro'],
    });
    ids.piano = piano.firstPost.id;
    const reply = await t
      .http()
      .post(`/api/v1/threads/${piano.id}/posts`)
      .set(as(bob))
      .send({ body: 'Anche noi: tre progetti sulla mobilità sostenibile e la qualità dei servizi.' })
      .expect(201);
    ids.reply = reply.body.id;
    ids.sportello = (
      await newThread(t, bob, poat.id, {
        title: 'Sportello polifunzionale',
        body: 'Il nostro sportello telematico per i cittadini <script>alert("x")</script> è attivo.',
      })
    ).firstPost.id;
    ids.secret = (
      await newThread(t, alice, secret.id, { title: 'Riservato', body: 'Un progetto riservato alla città.' })
    ).firstPost.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds Italian words whatever their accents and inflection, best match first', async () => {
    const citta = await search(bob, { q: 'citta' });
    // Title and body match for the first post: it ranks first. The private space stays hidden.
    expect(postIds(citta)).toEqual([ids.piano]);
    expect(citta.items[0]).toMatchObject({
      thread: { title: 'Il piano strategico della città metropolitana', spaceId: metro.id },
      post: {
        id: ids.piano,
        author: { id: alice.id },
        bodyHtml: expect.stringContaining('<strong>progetto</strong>'),
      },
    });
    expect(citta.items[0].snippet).toContain('<mark>Città</mark>');

    expect(postIds(await search(bob, { q: 'progetti' }))).toEqual(
      expect.arrayContaining([ids.piano, ids.reply]),
    );
    expect(postIds(await search(bob, { q: 'PROGETTO' }))).toHaveLength(2);
    expect(postIds(await search(bob, { q: 'qualita' }))).toEqual([ids.reply]);
    expect(postIds(await search(bob, { q: 'mobilità sostenibili' }))).toEqual([ids.reply]);
    expect(postIds(await search(bob, { q: '"mobilità sostenibile" -qualità' }))).toEqual([]);
    expect(postIds(await search(bob, { q: 'inesistente' }))).toEqual([]);
    // Only stop words: nothing to look for.
    expect(postIds(await search(bob, { q: 'il di la' }))).toEqual([]);
  });

  it('shows private spaces only to those who may read them', async () => {
    expect(postIds(await search(alice, { q: 'riservato' }))).toEqual([ids.secret]);
    expect(postIds(await search(admin, { q: 'riservato' }))).toEqual([ids.secret]);
    expect(postIds(await search(outsider, { q: 'riservato' }))).toEqual([]);
    expect(postIds(await search(outsider, { q: 'riservato', space: secret.id }))).toEqual([]);
  });

  it('filters by space, author, tag and dates', async () => {
    expect(postIds(await search(bob, { q: 'progetto', space: metro.id }))).toHaveLength(2);
    expect(postIds(await search(bob, { q: 'progetto', space: poat.id }))).toEqual([]);
    expect(postIds(await search(bob, { q: 'progetto', author: bob.id }))).toEqual([ids.reply]);
    expect(postIds(await search(bob, { q: 'progetto', tag: 'PON metro' }))).toHaveLength(2);
    expect(postIds(await search(bob, { q: 'sportello', tag: 'pon metro' }))).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect(postIds(await search(bob, { q: 'sportello', from: yesterday, to: tomorrow }))).toEqual([
      ids.sportello,
    ]);
    expect(postIds(await search(bob, { q: 'sportello', from: tomorrow }))).toEqual([]);
  });

  it('escapes snippets: only <mark> is markup', async () => {
    const [hit] = (await search(bob, { q: 'sportello' })).items;
    expect(hit.snippet).toContain('<mark>sportello</mark>');
    expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(hit.post.bodyHtml).not.toContain('<script');
  });

  it('leaves out hidden and deleted posts', async () => {
    const thread = await newThread(t, bob, poat.id, {
      body: 'Protocollo informatico e conservazione sostitutiva',
    });
    expect(postIds(await search(alice, { q: 'conservazione' }))).toEqual([thread.firstPost.id]);
    await t.app
      .get(DataSource)
      .query(`UPDATE posts SET hidden_at = now(), hidden_reason = 'x' WHERE id = $1`, [thread.firstPost.id]);
    expect(postIds(await search(alice, { q: 'conservazione' }))).toEqual([]);
    await t.app
      .get(DataSource)
      .query(`UPDATE posts SET hidden_at = NULL, deleted_at = now() WHERE id = $1`, [thread.firstPost.id]);
    expect(postIds(await search(alice, { q: 'conservazione' }))).toEqual([]);
  });

  it('pages through ranked results with a cursor, nothing twice', async () => {
    const space = await newSpace(t);
    const written: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const body = `Gemellaggio ${'gemellaggio '.repeat(i)} tra amministrazioni`;
      written.push((await newThread(t, alice, space.id, { title: `Gemellaggi ${i}`, body })).firstPost.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(bob, {
        q: 'gemellaggi',
        space: space.id,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...postIds(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...written].sort());
  });

  it('refuses bad queries with 400 problem+json', async () => {
    for (const query of [
      {},
      { q: '' },
      { q: 'x'.repeat(201) },
      { q: 'x', space: 'nope' },
      { q: 'x', author: '1' },
      { q: 'x', from: 'ieri' },
      { q: 'x', limit: 1000 },
      { q: 'x', cursor: 'bad' },
      { q: 'x', cursor: Buffer.from(JSON.stringify(['0.5', 'nope'])).toString('base64url') },
      { q: 'x', extra: 'y' },
    ]) {
      const res = await t.http().get('/api/v1/search').query(query).set(as(bob));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await t.http().get('/api/v1/search?q=x').expect(401);
  });
});
