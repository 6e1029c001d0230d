import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The attendance register of lab sessions.
 *
 * - attendance_intervals keeps the raw facts, never rewritten (FSE registers record changes,
 *   they do not overwrite): each stay in the live room (`remote`, source `live`) and each
 *   check-in/check-out at the venue (`in_presence`, source `check_in`), in seconds. A stay is
 *   open while `ended_at` is null; at most one open interval per session, member and source
 *   (partial unique index), so a second tab or a repeated check-in never opens a second one.
 * - attendance_check_in_codes: the short rotating codes shown as a QR code; several are valid at
 *   once (each lives ~60 s), so a phone that read the previous code still gets in.
 * - attendance_entries: the tutor's corrections and, once confirmed, the frozen register (one
 *   row per member and session), so later live stays do not silently change a signed register.
 * - attendance_confirmations: who confirmed (the signature) and when.
 * - attendance_changes: every change after confirmation, with before/after and its note.
 */
export class Attendance1765000300000 implements MigrationInterface {
  name = 'Attendance1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_intervals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('remote','in_presence')),
        source text NOT NULL CHECK (source IN ('live','check_in')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK ((source = 'live') = (mode = 'remote'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX attendance_intervals_one_open ON attendance_intervals (session_id, member_id, source)
        WHERE ended_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX attendance_intervals_session ON attendance_intervals (session_id, member_id, started_at)`,
    );
    await q.query(`CREATE INDEX attendance_intervals_member ON attendance_intervals (member_id)`);

    await q.query(`
      CREATE TABLE attendance_check_in_codes (
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (length(code) BETWEEN 4 AND 16),
        expires_at timestamptz NOT NULL,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (session_id, code)
      )`);

    await q.query(`
      CREATE TABLE attendance_entries (
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('present','absent','excused')),
        mode text NOT NULL CHECK (mode IN ('remote','in_presence')),
        seconds integer NOT NULL CHECK (seconds >= 0),
        source text NOT NULL CHECK (source IN ('live','check_in','tutor')),
        note text CHECK (length(note) <= 1000),
        set_by uuid REFERENCES members(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (session_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE attendance_confirmations (
        session_id uuid PRIMARY KEY REFERENCES lab_sessions(id) ON DELETE CASCADE,
        confirmed_by uuid REFERENCES members(id) ON DELETE SET NULL,
        confirmed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await q.query(`
      CREATE TABLE attendance_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES lab_sessions(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        changed_by uuid REFERENCES members(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        before jsonb,
        after jsonb NOT NULL,
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000)
      )`);
    await q.query(
      `CREATE INDEX attendance_changes_session ON attendance_changes (session_id, changed_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS attendance_changes`);
    await q.query(`DROP TABLE IF EXISTS attendance_confirmations`);
    await q.query(`DROP TABLE IF EXISTS attendance_entries`);
    await q.query(`DROP TABLE IF EXISTS attendance_check_in_codes`);
    await q.query(`DROP TABLE IF EXISTS attendance_intervals`);
  }
}
