import { InvalidCursorException } from '../../common/app.exception';
import { decodeCursor } from '../../common/cursor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

type Part = 'text' | 'uuid' | 'timestamp' | 'int' | 'number';
type Value<P extends Part> = P extends 'int' | 'number' ? number : string;

const valid: Record<Part, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 300,
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  timestamp: (v) => typeof v === 'string' && TIMESTAMP.test(v),
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
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
