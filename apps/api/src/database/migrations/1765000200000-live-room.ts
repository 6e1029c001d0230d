import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live room's state, shared by every API process (docs/architecture.md, "Live session room").
 *
 * - live_connections: one row per socket in a session's room, with the process that holds it and
 *   its last heartbeat; a row not confirmed for 2.5 beats belongs to a dead process and is swept.
 * - live_stays: one row per member present (any number of tabs); its lock serialises a member's
 *   first and last connection, so two tabs joining or leaving at once open or close one interval.
 * - live_hands: raised hands, ordered by raised_at (set by the server).
 * - live_timers: the session's countdown, when one runs.
 */
export class LiveRoom1765000200000 implements MigrationInterface {
  name = 'LiveRoom1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE live_stays (
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        began_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, member_id)
      )`);
    await q.query(`
      CREATE TABLE live_connections (
        socket_id text NOT NULL CHECK (length(socket_id) BETWEEN 1 AND 100),
        session_id uuid NOT NULL,
        member_id uuid NOT NULL,
        process_id uuid NOT NULL,
        connected_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (socket_id, session_id),
        FOREIGN KEY (session_id, member_id) REFERENCES live_stays(session_id, member_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX live_connections_stay ON live_connections (session_id, member_id)`);
    await q.query(`CREATE INDEX live_connections_process ON live_connections (process_id)`);
    await q.query(`CREATE INDEX live_connections_last_seen ON live_connections (last_seen_at)`);
    await q.query(`
      CREATE TABLE live_hands (
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        raised_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, member_id)
      )`);
    await q.query(`CREATE INDEX live_hands_order ON live_hands (session_id, raised_at, member_id)`);
    await q.query(`
      CREATE TABLE live_timers (
        session_id uuid PRIMARY KEY REFERENCES lab_sessions(id) ON DELETE CASCADE,
        ends_at timestamptz NOT NULL,
        set_by uuid REFERENCES members(id) ON DELETE SET NULL,
        set_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE live_timers`);
    await q.query(`DROP TABLE live_hands`);
    await q.query(`DROP TABLE live_connections`);
    await q.query(`DROP TABLE live_stays`);
  }
}
