import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Named versions of shared documents (a full Yjs state plus its plain text) and comments
 * anchored to a text range with Yjs relative positions, with threaded replies.
 */
export class DocumentVersionsComments1764000700000 implements MigrationInterface {
  name = 'DocumentVersionsComments1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        automatic boolean NOT NULL DEFAULT false,
        state bytea NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX document_versions_doc ON document_versions (doc_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE document_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES document_comments(id) ON DELETE CASCADE,
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        anchor_start text,
        anchor_end text,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((parent_id IS NULL) = (anchor_start IS NOT NULL AND anchor_end IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX document_comments_doc ON document_comments (doc_id, created_at, id)`);
    await q.query(`CREATE INDEX document_comments_parent ON document_comments (parent_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_comments`);
    await q.query(`DROP TABLE document_versions`);
  }
}
