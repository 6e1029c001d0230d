import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation: the log of every moderator action, warnings, and merged-thread stubs
 * (`threads.merged_into_id`). Suspensions already live in member_suspensions.
 */
export class Moderation1764000500000 implements MigrationInterface {
  name = 'Moderation1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE moderation_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        moderator_id uuid REFERENCES members(id) ON DELETE SET NULL,
        action text NOT NULL,
        target_type text NOT NULL CHECK (target_type IN ('post','thread','member')),
        target_id uuid NOT NULL,
        member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        space_id uuid REFERENCES spaces(id) ON DELETE SET NULL,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX moderation_log_order ON moderation_log (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX moderation_log_moderator ON moderation_log (moderator_id, created_at DESC)`);
    await q.query(`CREATE INDEX moderation_log_member ON moderation_log (member_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE member_warnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX member_warnings_member ON member_warnings (member_id)`);

    await q.query(
      `ALTER TABLE threads ADD COLUMN merged_into_id uuid REFERENCES threads(id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE INDEX post_flags_post ON post_flags (post_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS post_flags_post`);
    await q.query(`ALTER TABLE threads DROP COLUMN IF EXISTS merged_into_id`);
    await q.query(`DROP TABLE IF EXISTS member_warnings`);
    await q.query(`DROP TABLE IF EXISTS moderation_log`);
  }
}
