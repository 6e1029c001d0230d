import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A thread's count of visible posts (neither deleted nor hidden), kept on the thread by the
 * statements that change it, instead of counting the thread's posts on every reply and for every
 * thread of a list: a reply cost grew with the thread's length.
 */
export class ThreadPostCount1765001900000 implements MigrationInterface {
  name = 'ThreadPostCount1765001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE threads ADD COLUMN post_count integer NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE threads t SET post_count = (SELECT count(*) FROM posts p
          WHERE p.thread_id = t.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE threads DROP COLUMN post_count`);
  }
}
