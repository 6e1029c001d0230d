import type { DocAck, DocErrorCode } from '@convergo/contracts';

/*
 * The acknowledgements every part of co-editing answers with. They live apart so that the
 * sessions, the write queue and the awareness relay word a refusal the same way without
 * importing each other.
 */

export const OK: DocAck = { ok: true };

export const fail = (
  code: DocErrorCode,
  message: string,
): { ok: false; error: { code: DocErrorCode; message: string } } => ({
  ok: false,
  error: { code, message },
});
