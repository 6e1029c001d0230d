import { isLowerUuid, payloadFields, type Parsed } from '../../../common/realtime/socket-payload';

/** `tutoring:join` / `tutoring:leave`: `{ slotId }`. */
export function parseSlotRequest(body: unknown): Parsed<{ slotId: string }> {
  const parsed = payloadFields(body, ['slotId']);
  if ('error' in parsed) return parsed;
  const { slotId } = parsed.fields;
  if (!isLowerUuid(slotId)) return { error: 'slotId must be a lower-case UUID' };
  return { slotId };
}
