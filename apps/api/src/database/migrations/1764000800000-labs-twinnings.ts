import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Labs (with participants, tutors and working groups), twinnings between administrations, and
 * spaces restricted to a lab's participants.
 *
 * A working group's members must be participants of the same lab: the composite foreign key
 * says so, and removing a participant from the lab removes them from its groups.
 */
export class LabsTwinnings1764000800000 implements MigrationInterface {
  name = 'LabsTwinnings1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE labs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid REFERENCES programmes(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        ambito text NOT NULL CHECK (ambito IN ('A','B','C')),
        description text NOT NULL DEFAULT '',
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX labs_title_unique ON labs (lower(title))`);
    await q.query(`CREATE INDEX labs_title_id ON labs (title, id)`);

    await q.query(`
      CREATE TABLE lab_participants (
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('participant','tutor')),
        added_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lab_id, member_id)
      )`);
    await q.query(`CREATE INDEX lab_participants_member ON lab_participants (member_id)`);

    await q.query(`
      CREATE TABLE lab_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lab_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX lab_groups_name_unique ON lab_groups (lab_id, lower(name))`);

    await q.query(`
      CREATE TABLE lab_group_members (
        group_id uuid NOT NULL,
        lab_id uuid NOT NULL,
        member_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, member_id),
        FOREIGN KEY (lab_id, group_id) REFERENCES lab_groups (lab_id, id) ON DELETE CASCADE,
        FOREIGN KEY (lab_id, member_id) REFERENCES lab_participants (lab_id, member_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX lab_group_members_member ON lab_group_members (lab_id, member_id)`);

    await q.query(`
      CREATE TABLE twinnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        practice_title text NOT NULL CHECK (length(practice_title) BETWEEN 1 AND 200),
        practice_description text NOT NULL DEFAULT '',
        offering_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'candidatura'
          CHECK (status IN ('candidatura','selezionato','in_corso','concluso')),
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX twinnings_title_unique ON twinnings (lower(title))`);
    await q.query(`CREATE INDEX twinnings_title_id ON twinnings (title, id)`);
    await q.query(`CREATE INDEX twinnings_offering ON twinnings (offering_organization_id)`);
    await q.query(`
      CREATE TABLE twinning_receiving_organizations (
        twinning_id uuid NOT NULL REFERENCES twinnings(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        PRIMARY KEY (twinning_id, organization_id)
      )`);
    await q.query(
      `CREATE INDEX twinning_receiving_organization ON twinning_receiving_organizations (organization_id)`,
    );

    // Spaces restricted to a lab: the lab is named exactly when the visibility is `lab`.
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check
         CHECK (visibility IN ('public','private','lab'))`,
    );
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_lab_when_lab_visibility
         CHECK ((visibility = 'lab') = (lab_id IS NOT NULL))`,
    );
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_lab_fk FOREIGN KEY (lab_id) REFERENCES labs(id) ON DELETE RESTRICT`,
    );
    await q.query(`CREATE INDEX spaces_lab ON spaces (lab_id) WHERE lab_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS spaces_lab`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT IF EXISTS spaces_lab_fk`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT IF EXISTS spaces_lab_when_lab_visibility`);
    // Lab spaces stay closed: their readers become nobody but the invited members.
    await q.query(`UPDATE spaces SET visibility = 'private', lab_id = NULL WHERE visibility = 'lab'`);
    await q.query(`ALTER TABLE spaces DROP CONSTRAINT spaces_visibility_check`);
    await q.query(
      `ALTER TABLE spaces ADD CONSTRAINT spaces_visibility_check CHECK (visibility IN ('public','private'))`,
    );
    for (const table of [
      'twinning_receiving_organizations',
      'twinnings',
      'lab_group_members',
      'lab_groups',
      'lab_participants',
      'labs',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
