import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Labs get their programme fields (objectives, expected results, target administrations,
 * capacity, status, targeted regions), their structure (modules, by dimension and position)
 * and their calendar: sessions (in presence, online or hybrid) with a stable iCalendar
 * identity (the session id) and a sequence raised on every change, plus each member's
 * revocable calendar-feed token (only its SHA-256 is stored).
 *
 * A session's module must belong to the session's lab: the composite foreign key says so;
 * deleting the module keeps the session, without a module.
 */
export class LabsSessions1765000000000 implements MigrationInterface {
  name = 'LabsSessions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE labs
        ADD COLUMN objectives text NOT NULL DEFAULT '',
        ADD COLUMN expected_results text NOT NULL DEFAULT '',
        ADD COLUMN target_administrations text NOT NULL DEFAULT '',
        ADD COLUMN capacity integer CHECK (capacity >= 1),
        ADD COLUMN status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','running','closed')),
        ADD COLUMN regions text[] NOT NULL DEFAULT '{}'`);
    // Labs that existed before had enrolment always open.
    await q.query(`UPDATE labs SET status = 'open'`);
    await q.query(`CREATE INDEX labs_status ON labs (status)`);
    await q.query(`CREATE INDEX labs_regions ON labs USING gin (regions)`);

    await q.query(`
      CREATE TABLE lab_modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        dimension integer CHECK (dimension BETWEEN 1 AND 99),
        position integer NOT NULL CHECK (position >= 0),
        planned_days numeric(5,2) CHECK (planned_days > 0),
        description text NOT NULL DEFAULT '',
        expected_deliverables text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lab_id, id)
      )`);
    await q.query(`CREATE INDEX lab_modules_lab_position ON lab_modules (lab_id, position, created_at)`);

    await q.query(`
      CREATE TABLE lab_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        module_id uuid,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        mode text NOT NULL CHECK (mode IN ('in_presence','online','hybrid')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text,
        online_url text,
        agenda jsonb NOT NULL DEFAULT '[]',
        current_step integer CHECK (current_step >= 0),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','live','ended','cancelled')),
        notes_document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
        ical_sequence integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        FOREIGN KEY (lab_id, module_id) REFERENCES lab_modules (lab_id, id) ON DELETE SET NULL (module_id)
      )`);
    await q.query(`CREATE INDEX lab_sessions_lab_starts ON lab_sessions (lab_id, starts_at, id)`);
    await q.query(`CREATE INDEX lab_sessions_module ON lab_sessions (module_id)`);

    await q.query(`
      CREATE TABLE calendar_feeds (
        member_id uuid PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE lab_sessions`);
    await q.query(`DROP TABLE lab_modules`);
    await q.query(`DROP INDEX labs_regions`);
    await q.query(`DROP INDEX labs_status`);
    await q.query(`
      ALTER TABLE labs
        DROP COLUMN regions,
        DROP COLUMN status,
        DROP COLUMN capacity,
        DROP COLUMN target_administrations,
        DROP COLUMN expected_results,
        DROP COLUMN objectives`);
  }
}
