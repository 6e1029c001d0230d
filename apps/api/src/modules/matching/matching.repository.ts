import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

export interface NeedsRecord {
  organizationId: string;
  themes: string[];
  description: string;
  updatedAt: Date;
}

/** One (administration with needs, published practice) pair and the evidence they share. */
export interface MatchSignalsRecord {
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  organizationRegion: string | null;
  organizationConvergence: boolean;
  practiceId: string;
  practiceTitle: string;
  practiceSummary: string;
  offeringId: string;
  offeringName: string;
  offeringKind: string;
  offeringRegion: string | null;
  offeringConvergence: boolean;
  /** Theme codes both the needs and the practice name, sorted. */
  sharedThemes: string[];
  /** Words of the needs' description whose Italian lexeme is in the practice's full text, sorted. */
  sharedWords: string[];
  /** Receiving administrations of the practice's selected, running or concluded twinnings of the same kind and region. */
  similarAdopters: number;
}

/**
 * Every pair in one statement, so a request costs one query whatever the number of candidates.
 * The words: each token of the needs' description with its `convergo_italian` lexeme (the
 * configuration the practices search uses; stop words have none), matched against the lexemes of
 * the practice's `search_vector` by equality: whole lexemes only, never substrings.
 */
const PAIRS_SQL = `
  WITH targets AS (
    SELECT o.id, o.name, o.kind, o.region, o.convergence, n.themes, n.description
      FROM organization_needs n JOIN organizations o ON o.id = n.organization_id
     WHERE ($1::uuid IS NULL OR o.id = $1)),
  candidates AS (
    SELECT p.id, p.title, p.summary, p.search_vector, p.offering_organization_id,
           f.name AS offering_name, f.kind AS offering_kind, f.region AS offering_region,
           f.convergence AS offering_convergence
      FROM practices p JOIN organizations f ON f.id = p.offering_organization_id
     WHERE p.status = 'published' AND ($2::uuid IS NULL OR p.id = $2)),
  need_words AS (
    SELECT t.id AS organization_id, d.lexemes[1] AS lexeme, min(lower(d.token)) AS word
      FROM targets t, LATERAL ts_debug('public.convergo_italian', t.description) d
     WHERE cardinality(d.lexemes) > 0
     GROUP BY t.id, d.lexemes[1])
  SELECT t.id AS "organizationId", t.name AS "organizationName", t.kind AS "organizationKind",
         t.region AS "organizationRegion", t.convergence AS "organizationConvergence",
         c.id AS "practiceId", c.title AS "practiceTitle", c.summary AS "practiceSummary",
         c.offering_organization_id AS "offeringId", c.offering_name AS "offeringName",
         c.offering_kind AS "offeringKind", c.offering_region AS "offeringRegion",
         c.offering_convergence AS "offeringConvergence",
         ARRAY(SELECT l.theme_code FROM practice_theme_links l
                WHERE l.practice_id = c.id AND l.theme_code = ANY (t.themes) ORDER BY l.theme_code) AS "sharedThemes",
         ARRAY(SELECT w.word FROM need_words w
                WHERE w.organization_id = t.id AND w.lexeme = ANY (tsvector_to_array(c.search_vector))
                ORDER BY w.word) AS "sharedWords",
         (SELECT count(DISTINCT r.organization_id)::int
            FROM twinnings tw
            JOIN twinning_receiving_organizations r ON r.twinning_id = tw.id
            JOIN organizations a ON a.id = r.organization_id
           WHERE tw.practice_id = c.id AND tw.status IN ('selezionato', 'in_corso', 'concluso')
             AND a.kind = t.kind AND a.region = t.region AND a.id <> t.id) AS "similarAdopters"
    FROM targets t CROSS JOIN candidates c
   WHERE c.offering_organization_id <> t.id
     AND NOT EXISTS (
           SELECT 1 FROM twinnings tw JOIN twinning_receiving_organizations r ON r.twinning_id = tw.id
            WHERE tw.practice_id = c.id AND r.organization_id = t.id AND tw.status <> 'ritirato')`;

/** Owns every query of needs and matching. */
@Injectable()
export class MatchingRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  async findNeeds(organizationId: string): Promise<NeedsRecord | undefined> {
    const [row] = await this.db.tx.query<NeedsRecord[]>(
      `SELECT organization_id AS "organizationId", themes, description, updated_at AS "updatedAt"
         FROM organization_needs WHERE organization_id = $1`,
      [organizationId],
    );
    return row;
  }

  async upsertNeeds(
    organizationId: string,
    themes: string[],
    description: string,
    memberId: string | null,
  ): Promise<void> {
    await this.db.tx.query(
      `INSERT INTO organization_needs (organization_id, themes, description, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (organization_id) DO UPDATE
         SET themes = EXCLUDED.themes, description = EXCLUDED.description,
             updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [organizationId, themes, description, memberId],
    );
  }

  /** Whether the administration has declared needs (the demo does not overwrite them). */
  async hasNeeds(organizationId: string): Promise<boolean> {
    const rows = await this.db.tx.query<unknown[]>(
      `SELECT 1 FROM organization_needs WHERE organization_id = $1`,
      [organizationId],
    );
    return rows.length > 0;
  }

  findPairsForOrganization(organizationId: string): Promise<MatchSignalsRecord[]> {
    return this.db.tx.query<MatchSignalsRecord[]>(PAIRS_SQL, [organizationId, null]);
  }

  findPairsForPractice(practiceId: string): Promise<MatchSignalsRecord[]> {
    return this.db.tx.query<MatchSignalsRecord[]>(PAIRS_SQL, [null, practiceId]);
  }
}
