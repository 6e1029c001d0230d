import { DataSource } from 'typeorm';
import { DEMO_DELIVERABLE, DEMO_DOCUMENTS } from '../../apps/api/src/modules/documents/documents.demo-data';
import { DEMO_THREADS } from '../../apps/api/src/modules/threads/threads.demo-data';
import type { TestApp } from './test-app';

export const DEMO_THREAD_TITLES = DEMO_THREADS.map((thread) => thread.title);
/** The demo documents and the demo deliverable's. */
export const DEMO_DOCUMENT_TITLES = [...DEMO_DOCUMENTS.map((d) => d.title), DEMO_DELIVERABLE.title];

/** What the demo world holds, counted in the app's database (PostgreSQL or embedded). */
export async function demoWorldCounts(app: TestApp) {
  const titles = DEMO_THREAD_TITLES;
  const documentTitles = DEMO_DOCUMENT_TITLES;
  const db = app.app.get(DataSource);
  const one = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await db.query(sql, params)) as { n: string }[])[0].n);
  return {
    threads: await one(`SELECT count(*) AS n FROM threads WHERE title = ANY($1)`, [titles]),
    posts: await one(
      `SELECT count(*) AS n FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.title = ANY($1)`,
      [titles],
    ),
    reactions: await one(
      `SELECT count(*) AS n FROM post_reactions r JOIN posts p ON p.id = r.post_id
         JOIN threads t ON t.id = p.thread_id WHERE t.title = ANY($1)`,
      [titles],
    ),
    flags: await one(`SELECT count(*) AS n FROM post_flags`),
    documents: await one(`SELECT count(*) AS n FROM documents WHERE title = ANY($1)`, [
      DEMO_DOCUMENTS.map((d) => d.title),
    ]),
    versions: await one(
      `SELECT count(*) AS n FROM document_versions v JOIN documents d ON d.id = v.doc_id
        WHERE d.title = ANY($1) AND NOT v.automatic`,
      [documentTitles],
    ),
    comments: await one(
      `SELECT count(*) AS n FROM document_comments c JOIN documents d ON d.id = c.doc_id WHERE d.title = ANY($1)`,
      [documentTitles],
    ),
    notifications: await one(`SELECT count(*) AS n FROM notifications`),
    bookings: await one(`SELECT count(*) AS n FROM tutoring_bookings`),
    deliverables: await one(`SELECT count(*) AS n FROM deliverables WHERE status = 'submitted'`),
    submissions: await one(`SELECT count(*) AS n FROM deliverable_submissions`),
    sessionsToday: await one(
      `SELECT count(*) AS n FROM lab_sessions
        WHERE (starts_at AT TIME ZONE 'Europe/Rome')::date = (now() AT TIME ZONE 'Europe/Rome')::date`,
    ),
  };
}
