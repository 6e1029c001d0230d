import type { TFunction } from 'i18next';
import { ApiError } from '../../api/problem';

/** The tutoring API's conflict and access codes, worded in the interface language (tutoring.problems.*). */
export const TUTORING_PROBLEM_CODES = [
  'slot_full',
  'slot_closed',
  'already_booked',
  'own_slot',
  'slot_overlap',
  'slot_cancelled',
  'series_cancelled',
  'capacity_below_bookings',
  'booking_not_active',
  'slot_started',
  'tutoring_forbidden',
  'tutoring_slot_not_found',
  'tutoring_series_not_found',
  'tutoring_booking_not_found',
] as const;
export type TutoringProblemCode = (typeof TUTORING_PROBLEM_CODES)[number];

export function isTutoringProblemCode(code: string | undefined): code is TutoringProblemCode {
  return (TUTORING_PROBLEM_CODES as readonly string[]).includes(code ?? '');
}

/** "…at that time: 2027-03-16 10:00–11:00 (Europe/Rome)" → the clashing time the API names. */
export function overlapWhen(detail: string | undefined): string {
  const at = detail?.lastIndexOf(': ') ?? -1;
  return at >= 0 && detail ? detail.slice(at + 2) : '';
}

/**
 * The error with its sentence in words the member can act on (full, already started, overlapping
 * another slot…) instead of the API's code or English detail; field errors are kept, so a form
 * still points at its fields. Codes the tutoring API does not own pass through unchanged
 * (ProblemAlert words the general ones, e.g. `rate_limited`).
 */
export function tutoringProblem(error: ApiError, t: TFunction): ApiError {
  const code = error.problem.code;
  if (!isTutoringProblemCode(code)) return error;
  const detail =
    code === 'slot_overlap'
      ? t('tutoring.problems.slot_overlap', { when: overlapWhen(error.problem.detail) })
      : t(`tutoring.problems.${code}`);
  return new ApiError({ ...error.problem, detail, code: undefined });
}
