import { describe, expect, it } from '@jest/globals';
import { fromRomeLocalInput, romeDayKey, romeEndRule, romeMonthKey, toRomeLocalInput } from './lab-time';

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

describe('romeEndRule', () => {
  const messages = { invalid: 'invalid', order: 'order', tooLong: 'too long' };
  it('wants a real end after the start, within the longest span', () => {
    const rule = romeEndRule(() => '2026-03-28T09:00', messages, 8);
    expect(rule('2026-03-28T17:00')).toBe(true);
    expect(rule('2026-03-28T17:01')).toBe('too long');
    expect(rule('2026-03-28T09:00')).toBe('order');
    expect(rule('28/03/2026')).toBe('invalid');
  });
  it('counts the real hours across the change to summer time', () => {
    // 29 March 2026: 02:00 becomes 03:00 in Rome, so 00:00 → 09:00 is 8 hours.
    expect(romeEndRule(() => '2026-03-29T00:00', messages, 8)('2026-03-29T09:00')).toBe(true);
  });
  it('leaves an unreadable start to the start field', () => {
    expect(romeEndRule(() => '', messages)('2026-03-28T17:00')).toBe(true);
  });
});
