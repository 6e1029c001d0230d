import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One organisation per kind, name and region, compared case- and accent-insensitively through
 * `search_name`: two administrators adding the same body at once get one row and one 409.
 */
export class OrganizationsUniqueName1764000100000 implements MigrationInterface {
  name = 'OrganizationsUniqueName1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX organizations_kind_name_region_unique ON organizations (kind, search_name, (coalesce(region, '')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS organizations_kind_name_region_unique`);
  }
}
