import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The twinning life cycle (TWINNING_TRANSITIONS): a twinning may now come from a published practice
 * (`practice_id`, nullable: older twinnings keep only practice_title/practice_description, which
 * stay), gains `ritirato`, dates, budget, outcomes, the receiving side's needs, its status history
 * and its activities.
 */
export class TwinningLifecycle1765001300000 implements MigrationInterface {
  name = 'TwinningLifecycle1765001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE twinnings
        ADD COLUMN practice_id uuid REFERENCES practices(id) ON DELETE SET NULL,
        ADD COLUMN needs text NOT NULL DEFAULT '',
        ADD COLUMN started_at timestamptz,
        ADD COLUMN concluded_at timestamptz,
        ADD COLUMN planned_start date,
        ADD COLUMN planned_end date,
        ADD COLUMN budget numeric(14,2) CHECK (budget IS NULL OR budget >= 0),
        ADD COLUMN outcomes text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE twinnings DROP CONSTRAINT twinnings_status_check`);
    await q.query(`
      ALTER TABLE twinnings ADD CONSTRAINT twinnings_status_check
        CHECK (status IN ('candidatura','selezionato','in_corso','concluso','ritirato'))`);
    await q.query(
      `CREATE INDEX twinnings_practice_idx ON twinnings (practice_id) WHERE practice_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE twinning_status_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        twinning_id uuid NOT NULL REFERENCES twinnings(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        changed_by uuid REFERENCES members(id) ON DELETE SET NULL,
        note text NOT NULL DEFAULT '',
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX twinning_status_history_twinning_idx ON twinning_status_history (twinning_id, changed_at)`,
    );
    await q.query(`
      CREATE TABLE twinning_activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        twinning_id uuid NOT NULL REFERENCES twinnings(id) ON DELETE CASCADE,
        title text NOT NULL,
        due_at timestamptz,
        done boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX twinning_activities_twinning_idx ON twinning_activities (twinning_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE twinning_activities`);
    await q.query(`DROP TABLE twinning_status_history`);
    // A withdrawn twinning has no older status to go back to; it stays closed as concluded.
    await q.query(`UPDATE twinnings SET status = 'concluso' WHERE status = 'ritirato'`);
    await q.query(`ALTER TABLE twinnings DROP CONSTRAINT twinnings_status_check`);
    await q.query(`
      ALTER TABLE twinnings ADD CONSTRAINT twinnings_status_check
        CHECK (status IN ('candidatura','selezionato','in_corso','concluso'))`);
    await q.query(`
      ALTER TABLE twinnings
        DROP COLUMN practice_id, DROP COLUMN needs, DROP COLUMN started_at, DROP COLUMN concluded_at,
        DROP COLUMN planned_start, DROP COLUMN planned_end, DROP COLUMN budget, DROP COLUMN outcomes`);
  }
}
