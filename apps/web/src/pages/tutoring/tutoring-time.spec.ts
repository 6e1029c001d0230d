import { describe, expect, it } from '@jest/globals';
import { nextDay, notDates, parseDates, romeDayRange, romeDayStart } from './tutoring-time';

describe('tutoring search days on the Europe/Rome calendar', () => {
  it('starts a Rome day at its local midnight, on both sides of a DST change', () => {
    expect(romeDayStart('2027-03-27')).toBe('2027-03-26T23:00:00.000Z');
    // 28 March 2027: clocks go forward at 02:00, midnight is still CET.
    expect(romeDayStart('2027-03-28')).toBe('2027-03-27T23:00:00.000Z');
    expect(romeDayStart('2027-03-29')).toBe('2027-03-28T22:00:00.000Z');
    expect(romeDayStart('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
    expect(romeDayStart('26/10/2026')).toBeNull();
  });

  it('turns inclusive days into the API’s from/to instants, leaving empty bounds open', () => {
    expect(romeDayRange('2027-03-28', '2027-03-28')).toEqual({
      from: '2027-03-27T23:00:00.000Z',
      to: '2027-03-28T22:00:00.000Z',
    });
    expect(romeDayRange('', '2026-12-31')).toEqual({ to: '2026-12-31T23:00:00.000Z' });
    expect(romeDayRange('', '')).toEqual({});
  });

  it('steps calendar days across months and years', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('oggi')).toBeNull();
  });

  it('reads the dates to skip from free text and names what is not a date', () => {
    expect(parseDates('2026-12-24, 2026-12-31\n2026-12-24;2027-01-06')).toEqual([
      '2026-12-24',
      '2026-12-31',
      '2027-01-06',
    ]);
    expect(parseDates('')).toEqual([]);
    expect(notDates('2026-12-24, 24/12, Natale')).toEqual(['24/12', 'Natale']);
  });
});
