import { QueryFailedError } from 'typeorm';

/**
 * Whether a statement failed on a unique index (SQLSTATE 23505), optionally a given one: the
 * race between "does it exist?" and the insert, which repositories turn into their 409.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/**
 * Whether a statement failed on an exclusion constraint (SQLSTATE 23P01), optionally a given one:
 * e.g. two overlapping time ranges of one owner, refused by the database even under concurrency.
 */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23P01' && (constraint === undefined || driverError.constraint === constraint);
}
