import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { OrganizationKind, OrganizationSummary, OrganizationView } from '@convergo/contracts';
import type { EntityManager } from 'typeorm';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import {
  buildSearchQuery,
  isUuid,
  ORGANIZATION_COLUMNS,
  type OrganizationSearch,
  type SearchRank,
} from './organization-search';
import type { ReferenceOrganization } from './reference-data';
import { isUniqueViolation } from '../../database/postgres-errors';

/** An organisation as the service sees it (columns aliased to camelCase in ORGANIZATION_COLUMNS). */
export interface OrganizationRecord {
  id: string;
  name: string;
  kind: OrganizationKind;
  region: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  /** The stored key: six ISTAT digits, or a synthetic `R15`/`P-NA` (see publicIstatCode). */
  istatCode: string | null;
  ipaCode: string | null;
  /** NULL for bodies without a region. */
  convergence: boolean | null;
  website: string | null;
}

export interface RankedOrganizationRecord extends OrganizationRecord {
  rank: SearchRank;
}

/** What an administrator writes; `searchName` is derived from `name` by the service. */
export interface OrganizationWrite {
  name: string;
  searchName: string;
  kind: OrganizationKind;
  region: string | null;
  ipaCode: string | null;
  website: string | null;
}

/**
 * The stored key of a region or province is synthetic (`R15`, `P-NA`: the data package has no
 * ISTAT code for them); clients get the real ISTAT code where there is one, never a made-up one.
 */
export function publicIstatCode(stored: string | null): string | null {
  if (stored === null) return null;
  if (/^\d{6}$/.test(stored)) return stored;
  const region = /^R(\d{2})$/.exec(stored);
  return region ? region[1] : null;
}

export function toOrganizationView(row: OrganizationRecord): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    region: row.region,
    provinceCode: row.provinceCode,
    provinceName: row.provinceName,
    istatCode: publicIstatCode(row.istatCode),
    ipaCode: row.ipaCode,
    convergence: row.convergence === true,
    website: row.website,
  };
}

export function toOrganizationSummary(
  row: Pick<OrganizationRecord, 'id' | 'name' | 'kind' | 'region' | 'convergence'>,
): OrganizationSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    region: row.region,
    convergence: row.convergence === true,
  };
}

/** The index behind "one organisation per kind, name and region" (migration 1764000100000). */
const UNIQUE_NAME_INDEX = 'organizations_kind_name_region_unique';

export function isDuplicateNameError(error: unknown): boolean {
  return isUniqueViolation(error, UNIQUE_NAME_INDEX);
}

/** Any number: it only has to be the same in every process of an installation. */
const REFERENCE_DATA_LOCK = 7_417_260_001;

/** Rows per INSERT: the columns travel as seven text arrays, seven parameters whatever the size. */
const REFERENCE_BATCH = 2000;

/** Every SQL statement on `organizations`. Joins the ambient unit of work when there is one. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private get manager(): EntityManager {
    return this.db.tx;
  }

  async search(
    search: OrganizationSearch,
    namePrefixes: readonly string[],
  ): Promise<RankedOrganizationRecord[]> {
    const { sql, params } = buildSearchQuery(search, namePrefixes);
    return (await this.manager.query(sql, params)) as RankedOrganizationRecord[];
  }

  async findById(id: string, { lock = false } = {}): Promise<OrganizationRecord | null> {
    if (!isUuid(id)) return null;
    const rows = (await this.manager.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as OrganizationRecord[];
    return rows[0] ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return [];
    return (await this.manager.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = ANY($1::uuid[])`,
      [valid],
    )) as OrganizationRecord[];
  }

  async findByIstatCodes(codes: readonly string[]): Promise<OrganizationRecord[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    return (await this.manager.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE istat_code = ANY($1::text[])`,
      [unique],
    )) as OrganizationRecord[];
  }

  async exists(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = (await this.manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [id])) as unknown[];
    return rows.length > 0;
  }

  /** Null when an organisation of that kind, name and region is already there. */
  async insertIfAbsent(write: OrganizationWrite): Promise<OrganizationRecord | null> {
    const rows = (await this.manager.query(
      `INSERT INTO organizations (name, search_name, kind, region, ipa_code, website)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, search_name, (coalesce(region, ''))) DO NOTHING
       RETURNING ${ORGANIZATION_COLUMNS}`,
      [write.name, write.searchName, write.kind, write.region, write.ipaCode, write.website],
    )) as OrganizationRecord[];
    return rows[0] ?? null;
  }

  async findByNaturalKey(
    key: Pick<OrganizationWrite, 'kind' | 'searchName' | 'region'>,
  ): Promise<OrganizationRecord | null> {
    const rows = (await this.manager.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations
       WHERE kind = $1 AND search_name = $2 AND coalesce(region, '') = coalesce($3, '')`,
      [key.kind, key.searchName, key.region],
    )) as OrganizationRecord[];
    return rows[0] ?? null;
  }

  async update(id: string, write: OrganizationWrite): Promise<OrganizationRecord> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows] = (await this.manager.query(
      `UPDATE organizations SET name = $2, search_name = $3, kind = $4, region = $5, ipa_code = $6, website = $7,
         updated_at = now()
       WHERE id = $1 RETURNING ${ORGANIZATION_COLUMNS}`,
      [id, write.name, write.searchName, write.kind, write.region, write.ipaCode, write.website],
    )) as [OrganizationRecord[], number];
    return rows[0];
  }

  /**
   * Inserts the reference rows that are missing, under a transaction-scoped advisory lock so
   * that processes starting together take turns. Returns how many rows were added.
   * ON CONFLICT without a target also skips a row that an administrator already added under
   * the same kind, name and region: the load never fails on the directory's other unique index.
   */
  async insertMissingReferenceRows(rows: readonly ReferenceOrganization[]): Promise<number> {
    // Called inside the caller's @Transactional(): the advisory lock lasts until its commit.
    const manager = this.manager;
    {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [REFERENCE_DATA_LOCK]);
      const codes = rows.map((row) => row.istatCode);
      const [{ present }] = (await manager.query(
        `SELECT count(*)::int AS present FROM organizations WHERE istat_code = ANY($1::text[])`,
        [codes],
      )) as { present: number }[];
      if (present === rows.length) return 0;

      let inserted = 0;
      for (let start = 0; start < rows.length; start += REFERENCE_BATCH) {
        const batch = rows.slice(start, start + REFERENCE_BATCH);
        const added = (await manager.query(
          `INSERT INTO organizations (name, search_name, kind, region, province_code, province_name, istat_code)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT DO NOTHING
           RETURNING 1`,
          [
            batch.map((row) => row.name),
            batch.map((row) => row.searchName),
            batch.map((row) => row.kind),
            batch.map((row) => row.region),
            batch.map((row) => row.provinceCode),
            batch.map((row) => row.provinceName),
            batch.map((row) => row.istatCode),
          ],
        )) as unknown[];
        inserted += added.length;
      }
      return inserted;
    }
  }
}
