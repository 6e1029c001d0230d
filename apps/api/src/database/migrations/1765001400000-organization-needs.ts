import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The needs (fabbisogni) an administration declares for matching: practice theme codes and a
 * description in its own words. Theme codes are validated by the practice-themes service, not a
 * foreign key: codes are stable and themes are never deleted.
 */
export class OrganizationNeeds1765001400000 implements MigrationInterface {
  name = 'OrganizationNeeds1765001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_needs (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        themes text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        updated_by uuid REFERENCES members(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organization_needs_themes ON organization_needs USING gin (themes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organization_needs`);
  }
}
