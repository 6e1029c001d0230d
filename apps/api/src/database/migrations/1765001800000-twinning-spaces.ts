import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twinning spaces: one private community space per twinning, read only by the members of its
 * offering and receiving administrations and admins. The twinning is named exactly when the
 * visibility is `twinning`, and a twinning has at most one (two selections at once create one).
 */
export class TwinningSpaces1765001800000 implements MigrationInterface {
  name = 'TwinningSpaces1765001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces ADD COLUMN twinning_id uuid REFERENCES twinnings(id) ON DELETE RESTRICT`,
    );
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check
         CHECK (visibility IN ('public','private','lab','coaching','twinning'))`,
    );
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_twinning_when_twinning
         CHECK ((visibility = 'twinning') = (twinning_id IS NOT NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX spaces_one_per_twinning ON spaces (twinning_id) WHERE twinning_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM spaces WHERE visibility = 'twinning'`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_twinning_when_twinning`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check
         CHECK (visibility IN ('public','private','lab','coaching'))`,
    );
    await q.query(`ALTER TABLE spaces DROP COLUMN twinning_id`);
  }
}
