import { UUID_PATTERN } from '../../modules/realtime/room-authorizer';

/** A socket payload parsed, or why not (the ack's `invalid` message). */
export type Parsed<T> = T | { error: string };

/** The payload's fields when it is a plain object with no field outside `allowed`. */
export function payloadFields(
  body: unknown,
  allowed: readonly string[],
): { fields: Record<string, unknown> } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: `payload must be an object { ${allowed.join(', ')} }` };
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) return { error: `unknown field ${extra[0].slice(0, 40)}` };
  return { fields: body as Record<string, unknown> };
}

export const isLowerUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);
