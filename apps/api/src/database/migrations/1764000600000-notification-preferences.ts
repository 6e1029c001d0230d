import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail preferences per member, and the outbox/record of notification e-mails. */
export class NotificationPreferences1764000600000 implements MigrationInterface {
  name = 'NotificationPreferences1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        member_id uuid PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        email text NOT NULL DEFAULT 'daily' CHECK (email IN ('immediate','daily','never')),
        last_digest_at timestamptz,
        digest_lease_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        notification_id uuid PRIMARY KEY REFERENCES notifications(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('immediate','digest')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','skipped','failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX notifications_unread_created ON notifications (created_at) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS notifications_unread_created`);
    await q.query(`DROP TABLE IF EXISTS notification_deliveries`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
  }
}
