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
