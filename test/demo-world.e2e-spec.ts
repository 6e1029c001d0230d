import {
  DOCUMENT_CONTENT_FRAGMENT,
  type DocumentView,
  type FlagView,
  type NotificationPage,
  type Page,
  type SpaceView,
  type ThreadView,
} from '@convergo/contracts';
import { getSchema } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { CollaborationService } from '../apps/api/src/modules/documents/collaboration/collaboration.service';
import {
  DEMO_DOCUMENT_COMMENT_COUNT,
  DEMO_DOCUMENT_COUNT,
  DEMO_DOCUMENT_NAMED_VERSION_COUNT,
  DEMO_DOCUMENTS,
} from '../apps/api/src/modules/documents/documents.demo-data';
import { plainText } from '../apps/api/src/modules/documents/versions/document-content';
import {
  DEMO_FLAG_COUNT,
  DEMO_POST_COUNT,
  DEMO_REACTION_COUNT,
  DEMO_THREAD_COUNT,
  DEMO_THREADS,
} from '../apps/api/src/modules/threads/threads.demo-data';
import { DEMO_TUTORING_BOOKING_COUNT } from '../apps/api/src/modules/tutoring/tutoring.demo-data';
import { DEMO_DOCUMENT_TITLES, DEMO_THREAD_TITLES, demoWorldCounts } from './support/demo-world-counts';
import { createTestDatabase, dropTestDatabase } from './support/postgres';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 15: a fresh installation started as a new user would (`npm start`, DEMO_DATA unset, an
 * empty database) holds a living demo world; starting again with DEMO_DATA=true runs the loader
 * again and adds nothing.
 */
describe('demo world (e2e)', () => {
  let databaseUrl: string;
  let t: TestApp | undefined;

  const titles = DEMO_THREAD_TITLES;
  const documentTitles = DEMO_DOCUMENT_TITLES;
  const counts = demoWorldCounts;

  const login = async (app: TestApp, email: string) => {
    const body = (
      await app.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)
    ).body as { accessToken: string };
    return { authorization: `Bearer ${body.accessToken}` };
  };

  let first: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase({ migrated: true });
    // As `npm start` on a fresh clone: DEMO_DATA unset (the database is empty, so the demo world
    // is loaded) and the members' posting budgets on.
    t = await startTestApp({ databaseUrl, env: { DEMO_DATA: undefined, RATE_LIMIT_DISABLED: 'false' } });
    first = await counts(t);
  });

  afterAll(async () => {
    await t?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('holds the threads, replies, reactions, flags, documents, versions, comments, bookings and deliverable of the demo data', () => {
    expect(first).toEqual({
      threads: DEMO_THREAD_COUNT,
      posts: DEMO_POST_COUNT,
      reactions: DEMO_REACTION_COUNT,
      flags: DEMO_FLAG_COUNT,
      documents: DEMO_DOCUMENT_COUNT,
      versions: DEMO_DOCUMENT_NAMED_VERSION_COUNT,
      comments: DEMO_DOCUMENT_COMMENT_COUNT,
      notifications: first.notifications,
      bookings: DEMO_TUTORING_BOOKING_COUNT,
      deliverables: 1,
      submissions: 1,
      sessionsToday: 1,
    });
    expect(first.notifications).toBeGreaterThan(DEMO_ACCOUNTS.length);
  });

  it('gives every demo account unread notifications that arose from what happened', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const page = (
        await t!
          .http()
          .get('/api/v1/notifications?unread=true')
          .set(await login(t!, account.email))
          .expect(200)
      ).body as NotificationPage;
      expect({ email: account.email, unread: page.unread > 0 }).toEqual({
        email: account.email,
        unread: true,
      });
    }
    const tutor = (
      await t!
        .http()
        .get('/api/v1/notifications?unread=true&limit=100')
        .set(await login(t!, 'tutor@convergo.demo'))
        .expect(200)
    ).body as NotificationPage;
    expect(tutor.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['mention', 'deliverable_submitted']),
    );
  });

  it('shows the official and the tutor spaces with discussions, and documents in the library', async () => {
    for (const email of ['funzionaria.bari@convergo.demo', 'tutor@convergo.demo']) {
      const auth = await login(t!, email);
      const spaces = (await t!.http().get('/api/v1/spaces?limit=100').set(auth).expect(200))
        .body as Page<SpaceView>;
      const demoSpaces = spaces.items.filter((s) => DEMO_THREADS.some((thread) => thread.space === s.name));
      expect(demoSpaces.length).toBeGreaterThanOrEqual(10);
      expect(demoSpaces.every((s) => s.threadCount >= 1)).toBe(true);
      const threads = (
        await t!.http().get(`/api/v1/spaces/${demoSpaces[0].id}/threads`).set(auth).expect(200)
      ).body as Page<ThreadView>;
      expect(threads.items.length).toBeGreaterThanOrEqual(2);
      const library = (await t!.http().get('/api/v1/documents?limit=100').set(auth).expect(200))
        .body as Page<DocumentView>;
      expect(library.items.map((d) => d.title)).toEqual(
        expect.arrayContaining([DEMO_DOCUMENTS[0].title, DEMO_DOCUMENTS[2].title]),
      );
    }
    const flags = (
      await t!
        .http()
        .get('/api/v1/moderation/flags?limit=100')
        .set(await login(t!, 'moderatore@convergo.demo'))
        .expect(200)
    ).body as Page<FlagView>;
    expect(flags.items).toHaveLength(DEMO_FLAG_COUNT);
  });

  it('dates the conversations over the past week, and the notifications they raised with them', async () => {
    const db = t!.app.get(DataSource);
    const [posts] = (await db.query(
      `SELECT bool_and(p.created_at < now()) AS past,
              bool_and(p.created_at > now() - interval '8 days') AS recent,
              count(DISTINCT p.created_at)::int AS dates
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.title = ANY($1)`,
      [titles],
    )) as { past: boolean; recent: boolean; dates: number }[];
    expect(posts).toEqual({ past: true, recent: true, dates: DEMO_POST_COUNT });
    const [mentions] = (await db.query(
      `SELECT count(*)::int AS fresh FROM notifications
        WHERE kind = 'mention' AND created_at > now() - interval '12 hours'`,
    )) as { fresh: number }[];
    expect(mentions.fresh).toBe(0);
  });

  it('writes documents the web editor opens: valid in its TipTap schema, nothing dropped', async () => {
    const schema = getSchema([StarterKit.configure({ undoRedo: false }), TableKit]);
    const db = t!.app.get(DataSource);
    const rows = (await db.query(`SELECT id FROM documents WHERE title = ANY($1)`, [documentTitles])) as {
      id: string;
    }[];
    expect(rows).toHaveLength(documentTitles.length);
    let tables = 0;
    for (const { id } of rows) {
      const state = await t!.app.get(CollaborationService).read(id, (doc) => Y.encodeStateAsUpdate(doc));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const fragment = doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
      const blocks = fragment.length;
      const text = plainText(doc);
      const node = yXmlFragmentToProseMirrorRootNode(fragment, schema);
      node.check();
      expect(node.childCount).toBe(blocks);
      expect(node.firstChild?.type.name).toBe('heading');
      expect(blocks).toBeGreaterThan(2);
      expect(text.length).toBeGreaterThan(200);
      tables += node.content.content.filter((child) => child.type.name === 'table').length;
      doc.destroy();
    }
    expect(tables).toBe(documentTitles.length);
  });

  it('adds nothing when started again with DEMO_DATA=true on the same database', async () => {
    await t!.close();
    t = undefined;
    t = await startTestApp({ databaseUrl, env: { DEMO_DATA: 'true' } });
    expect(await counts(t)).toEqual(first);
  });
});
