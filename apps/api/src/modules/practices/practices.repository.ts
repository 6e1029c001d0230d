import { Injectable } from '@nestjs/common';
import type { PracticeStatus } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A practice as the service sees it (columns aliased to camelCase here, at the edge). */
export interface PracticeRecord {
  id: string;
  title: string;
  summary: string;
  description: string;
  documentId: string | null;
  offeringOrganizationId: string;
  territory: string;
  /** YYYY-MM-DD. */
  periodFrom: string | null;
  periodTo: string | null;
  results: string;
  licence: string | null;
  handedOver: string;
  effort: string;
  contactOffice: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contactWebsite: string | null;
  status: PracticeStatus;
  reviewNote: string | null;
  sourceDeliverableId: string | null;
  proposedBy: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Theme codes, alphabetical. */
  themes: string[];
}

/** The writable fields of a practice. */
export interface PracticeFields {
  title: string;
  summary: string;
  description: string;
  territory: string;
  periodFrom: string | null;
  periodTo: string | null;
  results: string;
  licence: string | null;
  handedOver: string;
  effort: string;
  contactOffice: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contactWebsite: string | null;
}

export interface NewPractice extends PracticeFields {
  offeringOrganizationId: string;
  status: PracticeStatus;
  sourceDeliverableId: string | null;
  proposedBy: string | null;
  themes: readonly string[];
  /** The programme whose catalogue holds the practice (its indicators count it). */
  programmeId?: string | null;
}

export interface PracticeFilter {
  /** Who is asking: admins see every practice; others the published ones and their administration's. */
  visibility: { all: true } | { organizationId: string | null };
  q?: string;
  theme?: string;
  region?: string;
  kind?: string;
  status?: PracticeStatus;
  limit: number;
  after?: { title: string; id: string };
}

const COLUMNS: Record<keyof PracticeFields, string> = {
  title: 'title',
  summary: 'summary',
  description: 'description',
  territory: 'territory',
  periodFrom: 'period_from',
  periodTo: 'period_to',
  results: 'results',
  licence: 'licence',
  handedOver: 'handed_over',
  effort: 'effort',
  contactOffice: 'contact_office',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  contactWebsite: 'contact_website',
};

const PRACTICE_SELECT = `
  SELECT p.id, p.title, p.summary, p.description, p.document_id AS "documentId",
         p.offering_organization_id AS "offeringOrganizationId", p.territory,
         to_char(p.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(p.period_to, 'YYYY-MM-DD') AS "periodTo",
         p.results, p.licence, p.handed_over AS "handedOver", p.effort,
         p.contact_office AS "contactOffice", p.contact_email AS "contactEmail",
         p.contact_phone AS "contactPhone", p.contact_website AS "contactWebsite",
         p.status, p.review_note AS "reviewNote", p.source_deliverable_id AS "sourceDeliverableId",
         p.proposed_by AS "proposedBy", p.published_at AS "publishedAt",
         p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         array(SELECT l.theme_code FROM practice_theme_links l
                WHERE l.practice_id = p.id ORDER BY l.theme_code) AS themes
    FROM practices p`;

/** Owns every query on practices and their themes. */
@Injectable()
export class PracticesRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string): Promise<PracticeRecord | undefined> {
    const [row] = await this.query<PracticeRecord>(`${PRACTICE_SELECT} WHERE p.id = $1`, [id]);
    return row;
  }

  /** The practice, its row locked until the transaction ends (moves and edits take turns). */
  async findForUpdate(id: string): Promise<PracticeRecord | undefined> {
    await this.query(`SELECT 1 FROM practices WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM practices WHERE id = $1`, [id])).length > 0;
  }

  /** Status and offering administration only (room and document checks). */
  async findAccessFacts(
    id: string,
  ): Promise<{ status: PracticeStatus; offeringOrganizationId: string } | undefined> {
    const [row] = await this.query<{ status: PracticeStatus; offeringOrganizationId: string }>(
      `SELECT status, offering_organization_id AS "offeringOrganizationId" FROM practices WHERE id = $1`,
      [id],
    );
    return row;
  }

  /**
   * The catalogue in title order: Italian full text on title (A), summary (B), description,
   * results and territory (C) with `convergo_italian` (stemming, accents ignored), themes,
   * the offering administration's region and kind.
   */
  findPage(filter: PracticeFilter): Promise<PracticeRecord[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (!('all' in filter.visibility)) {
      const organizationId = filter.visibility.organizationId;
      if (organizationId) {
        add((n) => `(p.status = 'published' OR p.offering_organization_id = $${n}::uuid)`, organizationId);
      } else {
        where.push(`p.status = 'published'`);
      }
    }
    if (filter.status) add((n) => `p.status = $${n}`, filter.status);
    if (filter.q) {
      add((n) => `p.search_vector @@ websearch_to_tsquery('public.convergo_italian', $${n})`, filter.q);
    }
    if (filter.theme) {
      add(
        (n) =>
          `EXISTS (SELECT 1 FROM practice_theme_links l WHERE l.practice_id = p.id AND l.theme_code = $${n})`,
        filter.theme,
      );
    }
    // The administration directory is read here (its region and kind), never written.
    if (filter.region) add((n) => `o.region = $${n}`, filter.region);
    if (filter.kind) add((n) => `o.kind = $${n}`, filter.kind);
    if (filter.after) {
      params.push(filter.after.title, filter.after.id);
      where.push(`(p.title, p.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    const join =
      filter.region || filter.kind ? 'JOIN organizations o ON o.id = p.offering_organization_id' : '';
    return this.query<PracticeRecord>(
      `${PRACTICE_SELECT} ${join}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.title, p.id LIMIT $${params.length}`,
      params,
    );
  }

  /** Every published practice, for the open data, in title order. */
  findPublished(): Promise<PracticeRecord[]> {
    return this.query<PracticeRecord>(
      `${PRACTICE_SELECT} WHERE p.status = 'published' ORDER BY p.title, p.id`,
      [],
    );
  }

  async insert(practice: NewPractice): Promise<string> {
    const fields = Object.keys(COLUMNS) as (keyof PracticeFields)[];
    const columns = [
      ...fields.map((f) => COLUMNS[f]),
      'offering_organization_id',
      'status',
      'source_deliverable_id',
      'proposed_by',
      'published_at',
      'programme_id',
    ];
    const values = [
      ...fields.map((f) => practice[f]),
      practice.offeringOrganizationId,
      practice.status,
      practice.sourceDeliverableId,
      practice.proposedBy,
      practice.status === 'published' ? new Date() : null,
      practice.programmeId ?? null,
    ];
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO practices (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    await this.replaceThemes(row.id, practice.themes);
    return row.id;
  }

  async replaceThemes(id: string, themes: readonly string[]): Promise<void> {
    await this.query(`DELETE FROM practice_theme_links WHERE practice_id = $1`, [id]);
    await this.query(
      `INSERT INTO practice_theme_links (practice_id, theme_code) SELECT $1, unnest($2::text[])`,
      [id, themes],
    );
  }

  async update(id: string, patch: Partial<PracticeFields>): Promise<void> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [id];
    for (const [field, value] of Object.entries(patch) as [keyof PracticeFields, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${COLUMNS[field]} = $${params.length}`);
    }
    await this.query(`UPDATE practices SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async setDocument(id: string, documentId: string): Promise<void> {
    await this.query(`UPDATE practices SET document_id = $2 WHERE id = $1`, [id, documentId]);
  }

  async updateStatus(id: string, status: PracticeStatus, reviewNote: string | null): Promise<void> {
    await this.query(
      `UPDATE practices
          SET status = $2, review_note = $3, updated_at = now(),
              published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END
        WHERE id = $1`,
      [id, status, reviewNote],
    );
  }

  /** The id of the practice with this title offered by this administration (demo data). */
  async findIdByTitle(offeringOrganizationId: string, title: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM practices WHERE offering_organization_id = $1 AND lower(title) = lower($2)`,
      [offeringOrganizationId, title],
    );
    return row?.id;
  }
}
