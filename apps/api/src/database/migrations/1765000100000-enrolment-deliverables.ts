import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolment in labs (applications of an administration for some of its officials) and lab
 * products (deliverables) with their submissions and review rounds.
 *
 * - At most one pending application per administration and lab (partial unique index).
 * - A deliverable's group belongs to its lab (composite foreign key on lab_groups).
 * - A deliverable's module, when it has one, is a module of the same lab (composite foreign key
 *   on lab_modules, from 1765000000000); deleting the module only clears `module_id`.
 * - One review per submitted version: a review round is unique per deliverable, and each
 *   submission and review keeps the frozen document version it is about.
 */
export class EnrolmentDeliverables1765000100000 implements MigrationInterface {
  name = 'EnrolmentDeliverables1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lab_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        motivation text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
        applied_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz,
        decided_by uuid REFERENCES members(id) ON DELETE SET NULL,
        note text,
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX lab_applications_one_pending ON lab_applications (lab_id, organization_id)
        WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX lab_applications_lab ON lab_applications (lab_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX lab_applications_organization ON lab_applications (organization_id)`);
    await q.query(`
      CREATE TABLE lab_application_members (
        application_id uuid NOT NULL REFERENCES lab_applications(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        PRIMARY KEY (application_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE deliverables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id uuid NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
        group_id uuid NOT NULL,
        module_id uuid,
        kind text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','submitted','changes_requested','approved')),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        due_at timestamptz,
        submitted_version_id uuid REFERENCES document_versions(id) ON DELETE SET NULL,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (lab_id, group_id) REFERENCES lab_groups (lab_id, id) ON DELETE CASCADE,
        CONSTRAINT deliverables_module_fk FOREIGN KEY (lab_id, module_id) REFERENCES lab_modules (lab_id, id)
          ON DELETE SET NULL (module_id)
      )`);
    await q.query(`CREATE INDEX deliverables_lab ON deliverables (lab_id, due_at, id)`);
    await q.query(`CREATE INDEX deliverables_group ON deliverables (group_id)`);
    await q.query(`
      CREATE TABLE deliverable_submissions (
        deliverable_id uuid NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
        round int NOT NULL CHECK (round > 0),
        version_id uuid REFERENCES document_versions(id) ON DELETE SET NULL,
        submitted_by uuid REFERENCES members(id) ON DELETE SET NULL,
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (deliverable_id, round)
      )`);
    await q.query(`
      CREATE TABLE deliverable_reviews (
        deliverable_id uuid NOT NULL,
        round int NOT NULL,
        version_id uuid REFERENCES document_versions(id) ON DELETE SET NULL,
        decision text NOT NULL CHECK (decision IN ('changes_requested','approved')),
        comment text NOT NULL,
        reviewer_id uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (deliverable_id, round),
        FOREIGN KEY (deliverable_id, round) REFERENCES deliverable_submissions (deliverable_id, round)
          ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'deliverable_reviews',
      'deliverable_submissions',
      'deliverables',
      'lab_application_members',
      'lab_applications',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
