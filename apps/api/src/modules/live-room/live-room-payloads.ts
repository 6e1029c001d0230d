import { UUID_PATTERN } from '../realtime/room-authorizer';

type Parsed<T> = T | { error: string };

function fieldsOf(
  body: unknown,
  allowed: readonly string[],
): { fields: Record<string, unknown> } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: `payload must be an object { ${allowed.join(', ')} }` };
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) return { error: `unknown field ${extra[0].slice(0, 40)}` };
  return { fields: body as Record<string, unknown> };
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/** `session:join` / `session:leave`: `{ sessionId }`. */
export function parseRoomRequest(body: unknown): Parsed<{ sessionId: string }> {
  const parsed = fieldsOf(body, ['sessionId']);
  if ('error' in parsed) return parsed;
  const { fields } = parsed;
  if (!isUuid(fields.sessionId)) return { error: 'sessionId must be a lower-case UUID' };
  return { sessionId: fields.sessionId };
}

/** `session:hand`: `{ sessionId, raised, memberId? }`. */
export function parseHandRequest(
  body: unknown,
): Parsed<{ sessionId: string; raised: boolean; memberId?: string }> {
  const parsed = fieldsOf(body, ['sessionId', 'raised', 'memberId']);
  if ('error' in parsed) return parsed;
  const { sessionId, raised, memberId } = parsed.fields;
  if (!isUuid(sessionId)) return { error: 'sessionId must be a lower-case UUID' };
  if (typeof raised !== 'boolean') return { error: 'raised must be a boolean' };
  if (memberId !== undefined && !isUuid(memberId)) return { error: 'memberId must be a lower-case UUID' };
  return memberId === undefined ? { sessionId, raised } : { sessionId, raised, memberId };
}
