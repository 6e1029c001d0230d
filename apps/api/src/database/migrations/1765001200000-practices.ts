import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Good practices (buone pratiche) and their themes.
 *
 * - `practice_themes`: the managed taxonomy; codes are stable, labels can be renamed. Seeded with
 *   the six themes of the POAT SI "Buone Pratiche e Gemellaggi" database and the areas of the
 *   AGIRE POR 2007-2013 twinnings (sources in ../shared/domain/sources).
 * - `practices`: one row per practice with its workflow status (PRACTICE_TRANSITIONS), its
 *   description in Markdown and the id of its shared document (owner `practice`). Full-text search
 *   on a generated `search_vector` in `convergo_italian` (Italian stemming, accents ignored).
 * - `practice_theme_links`: a practice's themes; a theme in use cannot be deleted.
 */
export class Practices1765001200000 implements MigrationInterface {
  name = 'Practices1765001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE practice_themes (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 60),
        label text NOT NULL,
        label_en text NOT NULL,
        theme_group text NOT NULL CHECK (theme_group IN ('poat_si','agire_por','altro')),
        position integer NOT NULL DEFAULT 1000,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO practice_themes (code, label, label_en, theme_group, position) VALUES
        ('servizi-cittadini', 'Servizi ai cittadini', 'Services to citizens', 'poat_si', 1),
        ('servizi-imprese', 'Servizi alle imprese', 'Services to businesses', 'poat_si', 2),
        ('innovazione-processi-dematerializzazione', 'Innovazione dei processi nella PA e dematerializzazione',
          'Process innovation in public administration and paperless processes', 'poat_si', 3),
        ('sistema-pubblico-connettivita', 'Sistema pubblico di connettività', 'Public connectivity system (SPC)', 'poat_si', 4),
        ('patrimonio-informativo-pubblico', 'Patrimonio informativo pubblico', 'Public information assets', 'poat_si', 5),
        ('interoperabilita-cooperazione-applicativa', 'Interoperabilità e cooperazione applicativa',
          'Interoperability and application cooperation', 'poat_si', 6),
        ('inclusione-sociale', 'Inclusione sociale', 'Social inclusion', 'agire_por', 101),
        ('servizi-alla-persona', 'Servizi alla persona', 'Personal care services', 'agire_por', 102),
        ('beni-culturali', 'Beni culturali', 'Cultural heritage', 'agire_por', 103),
        ('turismo', 'Turismo', 'Tourism', 'agire_por', 104),
        ('mobilita-sostenibile', 'Mobilità sostenibile', 'Sustainable mobility', 'agire_por', 105),
        ('legalita', 'Legalità', 'Legality', 'agire_por', 106),
        ('logistica', 'Logistica', 'Logistics', 'agire_por', 107),
        ('cultura', 'Cultura', 'Culture', 'agire_por', 108),
        ('sviluppo-urbano', 'Sviluppo urbano', 'Urban development', 'agire_por', 109),
        ('gestione-territorio', 'Gestione del territorio', 'Land management', 'agire_por', 110),
        ('innovazione-tecnologica', 'Innovazione tecnologica', 'Technological innovation', 'agire_por', 111),
        ('sistemi-gestionali-pa', 'Sistemi gestionali della PA', 'Management systems of public administration', 'agire_por', 112)
    `);
    await q.query(`
      CREATE TABLE practices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        summary text NOT NULL,
        description text NOT NULL DEFAULT '',
        document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
        offering_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        territory text NOT NULL DEFAULT '',
        period_from date,
        period_to date,
        results text NOT NULL DEFAULT '',
        licence text,
        handed_over text NOT NULL DEFAULT '',
        effort text NOT NULL DEFAULT '',
        contact_office text,
        contact_email text,
        contact_phone text,
        contact_website text,
        status text NOT NULL DEFAULT 'proposed'
          CHECK (status IN ('proposed','changes_requested','published','archived')),
        review_note text,
        source_deliverable_id uuid REFERENCES deliverables(id) ON DELETE SET NULL,
        proposed_by uuid REFERENCES members(id) ON DELETE SET NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('public.convergo_italian'::regconfig, title), 'A') ||
          setweight(to_tsvector('public.convergo_italian'::regconfig, summary), 'B') ||
          setweight(to_tsvector('public.convergo_italian'::regconfig,
            description || ' ' || results || ' ' || territory), 'C')
        ) STORED,
        CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
      )`);
    await q.query(`CREATE INDEX practices_search ON practices USING gin (search_vector)`);
    await q.query(`CREATE INDEX practices_status_title ON practices (status, title, id)`);
    await q.query(`CREATE INDEX practices_offering ON practices (offering_organization_id)`);
    await q.query(`
      CREATE TABLE practice_theme_links (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        theme_code text NOT NULL REFERENCES practice_themes(code) ON DELETE RESTRICT,
        PRIMARY KEY (practice_id, theme_code)
      )`);
    await q.query(`CREATE INDEX practice_theme_links_theme ON practice_theme_links (theme_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM documents WHERE owner_type = 'practice'`);
    await q.query(`DROP TABLE practice_theme_links`);
    await q.query(`DROP TABLE practices`);
    await q.query(`DROP TABLE practice_themes`);
  }
}
