import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764000200000 implements MigrationInterface {
  name = 'Notifications1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        kind text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        link text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notifications_member_created ON notifications (member_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_member_unread ON notifications (member_id) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}
