import { Injectable } from '@nestjs/common';
import type { LabAmbito, TwinningStatus } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** ISO dates (inclusive, Europe/Rome days); null = open end. */
export interface Period {
  from: string | null;
  to: string | null;
}

/** Administrations involved, grouped by what the breakdowns need. */
export interface AdministrationGroup {
  region: string | null;
  kind: string;
  convergence: boolean;
  count: number;
}

export interface HoursGroup {
  mode: 'in_presence' | 'remote';
  /** YYYY-MM in Europe/Rome. */
  month: string;
  region: string | null;
  seconds: number;
}

export interface IndicatorFigures {
  twinningsByStatus: { status: TwinningStatus; count: number }[];
  administrations: AdministrationGroup[];
  enrolled: number;
  trained: number;
  hours: HoursGroup[];
  labsByAmbito: { ambito: LabAmbito; count: number }[];
  practices: number;
  practicesByTheme: { code: string; label: string; count: number }[];
  /** null when the programme records none. */
  economicOperators: number | null;
}

/**
 * `$2`/`$3` are the period's ISO dates or null. A day is a Europe/Rome day: `to` is inclusive,
 * so the bound is the Rome midnight after it.
 */
const inPeriod = (column: string): string => `
  ($2::date IS NULL OR ${column} >= ($2::date)::timestamp AT TIME ZONE 'Europe/Rome')
  AND ($3::date IS NULL OR ${column} < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`;

/**
 * The programme's labs' enrolled officials: participants (not tutors), enrolled in the period
 * (`lab_participants.created_at` is the enrolment date).
 */
const ENROLLED = `
  SELECT lp.member_id, m.organization_id
    FROM lab_participants lp
    JOIN labs l ON l.id = lp.lab_id
    JOIN members m ON m.id = lp.member_id
   WHERE l.programme_id = $1 AND lp.role = 'participant' AND ${inPeriod('lp.created_at')}`;

/**
 * Twinnings fall in a period by `created_at` (when the application was made): a twinning is one
 * initiative of the programme whatever its later status, so it is counted once, in the period it
 * started; its current status says whether it is concluded or still a start-up.
 */
const TWINNINGS = `
  SELECT t.id, t.status, t.offering_organization_id
    FROM twinnings t
   WHERE t.programme_id = $1 AND ${inPeriod('t.created_at')}`;

/** Stays credited by confirmed registers only; sessions fall in the period by their start. */
const CREDITED = `
  SELECT e.member_id, e.mode, e.seconds, s.starts_at, m.organization_id
    FROM attendance_entries e
    JOIN attendance_confirmations c ON c.session_id = e.session_id
    JOIN lab_sessions s ON s.id = e.session_id
    JOIN labs l ON l.id = s.lab_id
    JOIN members m ON m.id = e.member_id
   WHERE l.programme_id = $1 AND e.status = 'present' AND e.seconds > 0 AND ${inPeriod('s.starts_at')}`;

/**
 * Every figure of the programme indicators in a fixed number of queries (one per family, run in
 * sequence on the request's connection), whatever the size of the programme.
 */
@Injectable()
export class IndicatorsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  async programmeExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.tx.query(`SELECT 1 FROM programmes WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Idempotent (by name within the programme). */
  async insertEconomicOperators(
    programmeId: string,
    operators: readonly { name: string; role: string; vatNumber?: string | null }[],
  ): Promise<void> {
    await this.db.tx.query(
      `INSERT INTO programme_economic_operators (programme_id, name, role, vat_number)
       SELECT $1, o.name, o.role, o.vat FROM unnest($2::text[], $3::text[], $4::text[]) AS o(name, role, vat)
       ON CONFLICT (programme_id, name) DO NOTHING`,
      [
        programmeId,
        operators.map((o) => o.name),
        operators.map((o) => o.role),
        operators.map((o) => o.vatNumber ?? null),
      ],
    );
  }

  /** The programme whose room hears about a change of these rows (null: none). */
  async programmeOf(kind: 'lab' | 'session' | 'twinning' | 'practice', id: string): Promise<string | null> {
    const sql = {
      lab: `SELECT programme_id AS "programmeId" FROM labs WHERE id = $1`,
      session: `SELECT l.programme_id AS "programmeId" FROM lab_sessions s JOIN labs l ON l.id = s.lab_id WHERE s.id = $1`,
      twinning: `SELECT programme_id AS "programmeId" FROM twinnings WHERE id = $1`,
      practice: `SELECT programme_id AS "programmeId" FROM practices WHERE id = $1`,
    }[kind];
    const [row] = (await this.db.tx.query(sql, [id])) as { programmeId: string | null }[];
    return row?.programmeId ?? null;
  }

  async figures(programmeId: string, period: Period): Promise<IndicatorFigures> {
    const params = [programmeId, period.from, period.to];
    const q = <T>(sql: string): Promise<T[]> => this.db.tx.query(sql, params) as Promise<T[]>;

    const twinningsByStatus = await q<{ status: TwinningStatus; count: number }>(`
      WITH t AS (${TWINNINGS})
      SELECT status, count(*)::int AS count FROM t GROUP BY status`);

    // An administration is counted once whether it is in a lab, in a twinning, or in both.
    const administrations = await q<AdministrationGroup>(`
      WITH t AS (${TWINNINGS}),
      involved AS (
        SELECT organization_id FROM (${ENROLLED}) e WHERE organization_id IS NOT NULL
        UNION SELECT offering_organization_id FROM t
        UNION SELECT r.organization_id FROM twinning_receiving_organizations r JOIN t ON t.id = r.twinning_id
      )
      SELECT o.region, o.kind, o.convergence, count(*)::int AS count
        FROM involved i JOIN organizations o ON o.id = i.organization_id
       GROUP BY o.region, o.kind, o.convergence`);

    const [people] = await q<{ enrolled: number; trained: number }>(`
      WITH e AS MATERIALIZED (SELECT DISTINCT member_id FROM (${ENROLLED}) enrolled),
           c AS MATERIALIZED (SELECT DISTINCT member_id FROM (${CREDITED}) credited)
      SELECT (SELECT count(*) FROM e)::int AS enrolled,
             (SELECT count(*) FROM c JOIN e USING (member_id))::int AS trained`);

    const hours = await q<HoursGroup>(`
      SELECT c.mode, to_char(c.starts_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month,
             o.region, sum(c.seconds)::int AS seconds
        FROM (${CREDITED}) c LEFT JOIN organizations o ON o.id = c.organization_id
       GROUP BY 1, 2, 3`);

    // Labs fall in a period by their creation.
    const labsByAmbito = await q<{ ambito: LabAmbito; count: number }>(`
      SELECT ambito, count(*)::int AS count FROM labs
       WHERE programme_id = $1 AND ${inPeriod('created_at')}
       GROUP BY ambito`);

    // Published practices fall in a period by their publication; the total counts each once.
    const practiceRows = await q<{
      total: boolean;
      code: string | null;
      label: string | null;
      count: number;
    }>(`
      WITH p AS (
        SELECT id FROM practices
         WHERE programme_id = $1 AND status = 'published' AND ${inPeriod('published_at')}
      )
      SELECT GROUPING(t.code) = 1 AS total, t.code, t.label, count(DISTINCT p.id)::int AS count
        FROM p LEFT JOIN practice_theme_links l ON l.practice_id = p.id
        LEFT JOIN practice_themes t ON t.code = l.theme_code
       GROUP BY GROUPING SETS ((t.code, t.label, t.position), ())
       ORDER BY t.position NULLS FIRST, t.code`);

    const [operators] = (await this.db.tx.query(
      `SELECT count(*)::int AS count FROM programme_economic_operators WHERE programme_id = $1`,
      [programmeId],
    )) as { count: number }[];

    const total = practiceRows.find((row) => row.total);
    return {
      twinningsByStatus,
      administrations,
      enrolled: people.enrolled,
      trained: people.trained,
      hours,
      labsByAmbito,
      practices: total?.count ?? 0,
      practicesByTheme: practiceRows
        .filter((row) => !row.total && row.code !== null && row.label !== null)
        .map(({ code, label, count }) => ({ code: code!, label: label!, count })),
      economicOperators: operators.count > 0 ? operators.count : null,
    };
  }
}
