import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quick polls and the chat of a live session.
 *
 * - A poll keeps its option labels in order (a JSON array of 2 to 10 strings); a vote is the
 *   0-based index of one of them.
 * - One vote per member and poll (primary key): a new vote is an upsert that replaces the old
 *   one, so the counts are always one per voter.
 * - Chat messages keep their Markdown and the sanitised HTML rendered once on the way in;
 *   `(session_id, created_at, id)` serves the chat's newest-first keyset pages.
 */
export class LivePollsChat1765000400000 implements MigrationInterface {
  name = 'LivePollsChat1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE polls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 300),
        options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 10),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at timestamptz,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX polls_session ON polls (session_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE poll_votes (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        option smallint NOT NULL CHECK (option BETWEEN 0 AND 9),
        voted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (poll_id, member_id)
      )`);
    await q.query(`CREATE INDEX poll_votes_member ON poll_votes (member_id)`);
    await q.query(`
      CREATE TABLE session_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        body_html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX session_messages_session ON session_messages (session_id, created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_messages`);
    await q.query(`DROP TABLE poll_votes`);
    await q.query(`DROP TABLE polls`);
  }
}
