import { InvalidCursorException } from './app.exception';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new InvalidCursorException();
}

export const MAX_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

type Part = 'text' | 'uuid' | 'timestamp' | 'int' | 'number' | 'micros';
type Value<P extends Part> = P extends 'int' | 'number' ? number : string;
const MICROS = /^\d{1,19}$/;
/** The last instant JavaScript dates reach (year 275760), in µs: beyond it PostgreSQL's bigint or timestamp overflows (a 500). */
const MAX_MICROS = 8_640_000_000_000_000_000n;

const valid: Record<Part, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 300,
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  // The pattern alone lets month 13 or hour 25 through to PostgreSQL, which refuses them (a 500).
  timestamp: (v) => typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)),
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  /** Microseconds since the epoch as a decimal string (bigint-safe). */
  micros: (v) => typeof v === 'string' && MICROS.test(v) && BigInt(v) <= MAX_MICROS,
};

/**
 * Decodes a keyset cursor and checks each part's type, so a forged cursor is a 400
 * (`invalid_cursor`) and never reaches SQL as a value PostgreSQL would refuse.
 */
export function decodeKeyset<const P extends readonly Part[]>(
  cursor: string,
  parts: P,
): { [I in keyof P]: Value<P[I]> } {
  const key = decodeCursor(cursor, parts.length);
  if (!parts.every((part, i) => valid[part](key[i]))) throw new InvalidCursorException();
  return key as { [I in keyof P]: Value<P[I]> };
}

/** A row of a list ordered by creation time (µs since the epoch, as text) then id. */
export interface CreatedKey {
  micros: string;
  id: string;
}

/** The position after which a "newest first" list continues, or undefined for its first page. */
export function decodeCreatedCursor(cursor: string | undefined): CreatedKey | undefined {
  if (cursor === undefined) return undefined;
  const [micros, id] = decodeKeyset(cursor, ['micros', 'uuid'] as const);
  return { micros, id };
}

/**
 * One page of `rows`, which were read with `limit + 1` so the extra row tells whether another
 * page follows; the cursor points after the last row shown.
 */
export function createdPage<R extends CreatedKey, V>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor([last.micros, last.id]) : null,
  };
}

/**
 * A page of a chat as a chat shows it, from rows read newest first with `limit + 1`: the first
 * page holds the newest lines, each page's items run oldest to newest (ready to go under the
 * previous ones) and `nextCursor` leads back to older lines.
 */
export function chatPage<R extends CreatedKey, V>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const page = createdPage(rows, limit, view);
  return { items: page.items.reverse(), nextCursor: page.nextCursor };
}
