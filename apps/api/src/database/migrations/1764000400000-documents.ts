import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared documents: metadata, the append-only log of Yjs updates and the compacted snapshot.
 *
 * `documents.update_seq` is the last sequence number given to one of the document's updates.
 * Appending bumps it in the same statement that inserts the rows, so the row lock orders
 * concurrent writers (even on different processes) and sequence numbers become visible in
 * commit order: a reader that has seen seq n has seen every update before it.
 */
export class Documents1764000400000 implements MigrationInterface {
  name = 'Documents1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('note','quadro_logico','piano_strategico','proposta_progettuale',
          'budget','analisi_organizzativa','verbale')),
        owner_type text NOT NULL,
        owner_id uuid NOT NULL,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        province_codes text[] NOT NULL DEFAULT '{}',
        update_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX documents_owner ON documents (owner_type, owner_id)`);
    await q.query(`CREATE INDEX documents_updated ON documents (updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX documents_tags ON documents USING gin (tags)`);
    await q.query(`CREATE INDEX documents_regions ON documents USING gin (regions)`);
    await q.query(`CREATE INDEX documents_province_codes ON documents USING gin (province_codes)`);
    await q.query(`CREATE INDEX documents_title_fts ON documents USING gin (to_tsvector('italian', title))`);

    await q.query(`
      CREATE TABLE document_updates (
        doc_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        update bytea NOT NULL,
        member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (doc_id, seq)
      )`);

    await q.query(`
      CREATE TABLE document_snapshots (
        doc_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        up_to_seq bigint NOT NULL,
        state bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS document_snapshots`);
    await q.query(`DROP TABLE IF EXISTS document_updates`);
    await q.query(`DROP TABLE IF EXISTS documents`);
  }
}
