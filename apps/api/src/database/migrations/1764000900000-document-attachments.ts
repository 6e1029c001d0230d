import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to shared documents. The bytes live on disk under DATA_DIR/files, named by
 * their SHA-256, so two rows with the same content share one file.
 */
export class DocumentAttachments1764000900000 implements MigrationInterface {
  name = 'DocumentAttachments1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        media_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by uuid NOT NULL REFERENCES members(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX document_attachments_doc ON document_attachments (doc_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX document_attachments_sha256 ON document_attachments (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_attachments`);
  }
}
