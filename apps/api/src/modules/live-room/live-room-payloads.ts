import {
  isLowerUuid as isUuid,
  payloadFields as fieldsOf,
  type Parsed,
} from '../../common/realtime/socket-payload';

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
