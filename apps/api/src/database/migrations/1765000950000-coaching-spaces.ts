import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coaching spaces: one per lab working group, read only by the group's members, its lab's tutors
 * and admins. The group is named exactly when the visibility is `coaching`, and a group has at
 * most one (two first requests at once create one).
 */
export class CoachingSpaces1765000950000 implements MigrationInterface {
  name = 'CoachingSpaces1765000950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces ADD COLUMN lab_group_id uuid REFERENCES lab_groups(id) ON DELETE RESTRICT`,
    );
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check
         CHECK (visibility IN ('public','private','lab','coaching'))`,
    );
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_group_when_coaching
         CHECK ((visibility = 'coaching') = (lab_group_id IS NOT NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX spaces_one_per_group ON spaces (lab_group_id) WHERE lab_group_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM spaces WHERE visibility = 'coaching'`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_group_when_coaching`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check
         CHECK (visibility IN ('public','private','lab'))`,
    );
    await q.query(`ALTER TABLE spaces DROP COLUMN lab_group_id`);
  }
}
