import { describe, expect, it } from '@jest/globals';
import { fromRomeLocalInput, romeDayKey, romeMonthKey, toRomeLocalInput } from './lab-time';

describe('lab times on the Europe/Rome clock', () => {
  it('turns a Rome wall-clock time into UTC, in winter and in summer', () => {
    expect(fromRomeLocalInput('2025-01-15T09:30')).toBe('2025-01-15T08:30:00.000Z');
    expect(fromRomeLocalInput('2025-07-15T09:30')).toBe('2025-07-15T07:30:00.000Z');
    expect(fromRomeLocalInput('not a date')).toBeNull();
  });

  it('shows an instant back on Rome’s clock', () => {
    expect(toRomeLocalInput('2025-07-15T07:30:00.000Z')).toBe('2025-07-15T09:30');
    expect(romeDayKey('2025-03-31T22:30:00Z')).toBe('2025-04-01');
    expect(romeMonthKey('2025-03-31T22:30:00Z')).toBe('2025-04');
  });
});
