import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/problem';
import it_ from '../../i18n/tutoring.it.json';
import { overlapWhen, TUTORING_PROBLEM_CODES, tutoringProblem } from './tutoring-problems';

// A stand-in for i18next's t over the Italian bundle (enough for `tutoring.problems.*`).
const t = ((key: string, values: Record<string, string> = {}) => {
  const path = key.replace(/^tutoring\./, '').split('.');
  let text: unknown = it_;
  for (const part of path) text = (text as Record<string, unknown>)[part];
  return String(text).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}) as unknown as TFunction;

const problem = (code: string, detail = 'English detail', status = 409) =>
  new ApiError({ type: 'about:blank', title: 'Conflict', status, detail, code });

describe('tutoring problems in words', () => {
  it('words every tutoring code in Italian, without the code', () => {
    for (const code of TUTORING_PROBLEM_CODES) {
      const worded = tutoringProblem(problem(code), t);
      expect(worded.problem.detail).not.toBe('English detail');
      expect(worded.problem.detail).not.toContain(code);
      expect(worded.problem.code).toBeUndefined();
      expect(worded.status).toBe(409);
    }
    expect(tutoringProblem(problem('slot_full'), t).problem.detail).toBe(
      'I posti di questo orario sono appena finiti: scegline un altro.',
    );
  });

  it('names the clashing time of an overlap', () => {
    const detail = 'The tutor already has a slot at that time: 2027-03-16 10:00–11:00 (Europe/Rome)';
    expect(overlapWhen(detail)).toBe('2027-03-16 10:00–11:00 (Europe/Rome)');
    expect(tutoringProblem(problem('slot_overlap', detail), t).problem.detail).toContain(
      '2027-03-16 10:00–11:00 (Europe/Rome)',
    );
  });

  it('leaves other codes (worded by ProblemAlert) and their field errors alone', () => {
    const limited = problem('rate_limited', 'Too many', 429);
    expect(tutoringProblem(limited, t)).toBe(limited);
    const invalid = new ApiError({
      type: 'about:blank',
      title: 'Invalid',
      status: 400,
      detail: 'capacity',
      code: 'validation_failed',
      errors: [{ field: 'capacity', message: 'capacity must not be less than 1' }],
    });
    expect(tutoringProblem(invalid, t)).toBe(invalid);
  });
});
