/**
 * The directory search, as pure functions: the search key stored in `search_name`, the
 * keyset cursor and the SQL of one page. Every value reaches PostgreSQL as a parameter.
 */
import type { OrganizationKind } from '@convergo/contracts';
import { InvalidCursorException } from '../../common/app.exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { escapeLike, foldForSearch } from '../../common/text';

/**
 * Lower-case, accent-free, single-spaced, typographic apostrophes made plain: what `search_name`
 * holds and what a query is compared with ("Città Sant’Angelo" → "citta sant'angelo").
 */
export function organizationSearchKey(value: string): string {
  // Before folding: foldForSearch drops U+02BC and U+00B4 as diacritics.
  const apostrophes = value.replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'");
  return foldForSearch(apostrophes).replace(/\s+/g, ' ');
}

/** Distinct words of a query; a name matches when it contains every one of them. */
export function searchTokens(key: string): string[] {
  return [...new Set(key.split(' ').filter((token) => token.length > 0))];
}

/**
 * Search order: 0 = the name without its "Comune di"/"Regione" opening equals the query,
 * 1 = it starts with the query, 2 = it contains it. Without a query every row ranks 0.
 */
export type SearchRank = 0 | 1 | 2;

export interface SearchCursor {
  rank: SearchRank;
  name: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function encodeSearchCursor({ rank, name, id }: SearchCursor): string {
  return encodeCursor([rank, name, id]);
}

/** Throws the 400 `invalid_cursor` problem for anything this API did not hand out. */
export function decodeSearchCursor(cursor: string): SearchCursor {
  const [rank, name, id] = decodeCursor(cursor, 3);
  if (
    (rank !== 0 && rank !== 1 && rank !== 2) ||
    typeof name !== 'string' ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw new InvalidCursorException();
  }
  return { rank, name, id };
}

export interface OrganizationSearch {
  q?: string;
  region?: string;
  kind?: OrganizationKind;
  convergence?: boolean;
  limit: number;
  after?: SearchCursor;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** The columns every read returns, in the shape OrganizationRecord describes (camelCase aliases). */
export const ORGANIZATION_COLUMNS =
  'id, name, kind, region, province_code AS "provinceCode", province_name AS "provinceName", ' +
  'istat_code AS "istatCode", ipa_code AS "ipaCode", convergence, website';

/**
 * One page, `limit + 1` rows so the caller knows whether another page follows. Keyset order
 * (rank, name, id) or (name, id) without a query, which the (name, id) index serves; the
 * cursor carries the last row's key, so pages never skip or repeat a row.
 * `namePrefixes` are the folded openings ("comune di ") stripped before ranking.
 */
export function buildSearchQuery(search: OrganizationSearch, namePrefixes: readonly string[]): SqlQuery {
  const params: unknown[] = [];
  const param = (value: unknown, cast = ''): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  const where: string[] = [];
  const key = search.q === undefined ? '' : organizationSearchKey(search.q);
  const tokens = searchTokens(key);
  for (const token of tokens) where.push(`search_name LIKE ${param(`%${escapeLike(token)}%`)} ESCAPE '\\'`);
  if (search.region !== undefined) where.push(`region = ${param(search.region)}`);
  if (search.kind !== undefined) where.push(`kind = ${param(search.kind)}`);
  // National bodies have no region, so their generated `convergence` is NULL: they are not in it.
  if (search.convergence !== undefined)
    where.push(search.convergence ? 'convergence IS TRUE' : 'convergence IS NOT TRUE');
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

  if (tokens.length === 0) {
    const keyset = search.after
      ? `${filter ? `${filter} AND` : 'WHERE'} (name, id) > (${param(search.after.name)}, ${param(search.after.id, '::uuid')})`
      : filter;
    return {
      sql: `SELECT ${ORGANIZATION_COLUMNS}, 0 AS rank FROM organizations ${keyset} ORDER BY name, id LIMIT ${param(search.limit + 1)}`,
      params,
    };
  }

  const prefixes = param(`^(${namePrefixes.map(escapeRegExp).join('|')})`);
  const exact = param(key);
  const startsWith = param(`${escapeLike(key)}%`);
  const bare = `regexp_replace(search_name, ${prefixes}, '')`;
  const rank =
    `CASE WHEN search_name = ${exact} OR ${bare} = ${exact} THEN 0 ` +
    `WHEN search_name LIKE ${startsWith} ESCAPE '\\' OR ${bare} LIKE ${startsWith} ESCAPE '\\' THEN 1 ELSE 2 END`;
  const keyset = search.after
    ? `WHERE (rank, name, id) > (${param(search.after.rank, '::int')}, ${param(search.after.name)}, ${param(search.after.id, '::uuid')})`
    : '';
  return {
    sql:
      `SELECT * FROM (SELECT ${ORGANIZATION_COLUMNS}, ${rank} AS rank FROM organizations ${filter}) ranked ` +
      `${keyset} ORDER BY rank, name, id LIMIT ${param(search.limit + 1)}`,
    params,
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
