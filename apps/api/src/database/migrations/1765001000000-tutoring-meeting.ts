import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meeting room of a tutoring slot held in Convergo (`meeting = 'convergo'`).
 *
 * - tutoring_messages: its chat. The Markdown as written and the sanitised HTML rendered once on
 *   the way in; `(slot_id, created_at, id)` serves the newest-first keyset pages.
 * - tutoring_meeting_connections: one row per socket in the room, with the process that holds it
 *   and its last heartbeat, so every API process reads the same presence (the distinct members
 *   with a connection); a row not confirmed for 2.5 beats belongs to a dead process and is swept.
 *   Presence is not history: nothing here is kept once the socket leaves.
 */
export class TutoringMeeting1765001000000 implements MigrationInterface {
  name = 'TutoringMeeting1765001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tutoring_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slot_id uuid NOT NULL REFERENCES tutoring_slots(id) ON DELETE CASCADE,
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        body_html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX tutoring_messages_slot ON tutoring_messages (slot_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX tutoring_messages_author ON tutoring_messages (author_id)`);
    await q.query(`
      CREATE TABLE tutoring_meeting_connections (
        socket_id text NOT NULL CHECK (length(socket_id) BETWEEN 1 AND 100),
        slot_id uuid NOT NULL REFERENCES tutoring_slots(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        process_id uuid NOT NULL,
        joined_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (socket_id, slot_id)
      )`);
    await q.query(
      `CREATE INDEX tutoring_meeting_connections_slot ON tutoring_meeting_connections (slot_id, member_id)`,
    );
    await q.query(
      `CREATE INDEX tutoring_meeting_connections_member ON tutoring_meeting_connections (member_id)`,
    );
    await q.query(
      `CREATE INDEX tutoring_meeting_connections_process ON tutoring_meeting_connections (process_id)`,
    );
    await q.query(
      `CREATE INDEX tutoring_meeting_connections_last_seen ON tutoring_meeting_connections (last_seen_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tutoring_meeting_connections`);
    await q.query(`DROP TABLE tutoring_messages`);
  }
}
