import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the programme indicators count (libs/contracts/src/indicators.ts):
 * - `twinnings.programme_id` and `practices.programme_id`: the programme a twinning belongs to and
 *   the programme whose catalogue holds a practice (nullable: older rows belong to none);
 * - `programme_economic_operators`: the economic operators a programme records (AGIRE POR's
 *   consultancy firms), counted by `operatori-economici`.
 */
export class ProgrammeIndicators1765001600000 implements MigrationInterface {
  name = 'ProgrammeIndicators1765001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE twinnings ADD COLUMN programme_id uuid REFERENCES programmes(id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX twinnings_programme_idx ON twinnings (programme_id, created_at) WHERE programme_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE practices ADD COLUMN programme_id uuid REFERENCES programmes(id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX practices_programme_idx ON practices (programme_id) WHERE programme_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX labs_programme_idx ON labs (programme_id) WHERE programme_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE programme_economic_operators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        vat_number text CHECK (vat_number IS NULL OR vat_number ~ '^[0-9]{11}$'),
        role text NOT NULL DEFAULT '' CHECK (length(role) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE programme_economic_operators`);
    await q.query(`DROP INDEX labs_programme_idx`);
    await q.query(`ALTER TABLE practices DROP COLUMN programme_id`);
    await q.query(`ALTER TABLE twinnings DROP COLUMN programme_id`);
  }
}
