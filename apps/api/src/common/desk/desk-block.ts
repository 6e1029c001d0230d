import type { DeskBlock, DeskItem } from '@convergo/contracts';

/**
 * A row of a desk block as the owning module's repository selects it: the item's fields and, on
 * every row, the total before LIMIT (`DESK_TOTAL`), so a block is one query.
 */
export interface DeskRow {
  id: string;
  title: string;
  detail: string | null;
  at: Date | string | null;
  count: number | null;
  status: string | null;
  total: number;
}

/** The total of the rows the query matched, LIMIT aside (window functions run before it). */
export const DESK_TOTAL = 'count(*) OVER ()::int AS total';

/** A block from its rows: the items with their links, the total (0 without rows) and the page's link. */
export function toDeskBlock<R extends DeskRow>(
  rows: readonly R[],
  link: string,
  itemLink: (row: R) => string,
): DeskBlock {
  return {
    items: rows.map((row): DeskItem => ({
      id: row.id,
      title: row.title,
      detail: row.detail,
      at: row.at === null ? null : new Date(row.at).toISOString(),
      count: row.count === null ? null : Number(row.count),
      status: row.status,
      link: itemLink(row),
    })),
    total: rows[0] ? Number(rows[0].total) : 0,
    link,
  };
}
