import { randomInt } from 'node:crypto';
import { ATTENDANCE_LIMITS } from '@convergo/contracts';

/** No 0/O, 1/I/L: a code read off a projected QR fallback or typed on a phone must not be misread. */
export const CHECK_IN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh check-in code: ATTENDANCE_LIMITS.codeLength characters drawn with the crypto generator. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < ATTENDANCE_LIMITS.codeLength; i += 1) {
    code += CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)];
  }
  return code;
}

/** What a person typed or a QR carried, as codes are stored (spaces and case do not matter). */
export function normaliseCheckInCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}
