import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tutoring reminders already sent: one row per (recipient, slot, offset, start), inserted in the
 * notification's transaction. The job queue delivers at least once (a crash after the commit
 * re-runs the job), so this key is what makes a reminder go out exactly once; a moved slot has
 * a new start, hence its own reminders. (pg-boss's own tables are created by pg-boss: see
 * jobs/job-queue.ts.)
 */
export class TutoringReminders1765000600000 implements MigrationInterface {
  name = 'TutoringReminders1765000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tutoring_reminders_sent (
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        slot_id uuid NOT NULL REFERENCES tutoring_slots(id) ON DELETE CASCADE,
        minutes_before numeric NOT NULL,
        starts_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, slot_id, minutes_before, starts_at)
      )`);
    await q.query(`CREATE INDEX tutoring_reminders_sent_slot ON tutoring_reminders_sent (slot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tutoring_reminders_sent`);
  }
}
