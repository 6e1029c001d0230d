import { expandSeries, SeriesRuleError } from './series-expansion';

const ROME = 'Europe/Rome';
const utc = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('expandSeries', () => {
  it('keeps 10:00 in Rome across the spring DST change (28 March 2027): the UTC hour moves from 09 to 08', () => {
    const expansion = expandSeries({
      firstStartsAt: new Date('2027-03-16T10:00:00+01:00'),
      durationMinutes: 60,
      timeZone: ROME,
      count: 4,
    });
    expect(expansion.occurrences.map((o) => o.date)).toEqual([
      '2027-03-16',
      '2027-03-23',
      '2027-03-30',
      '2027-04-06',
    ]);
    expect(utc(expansion.occurrences.map((o) => o.startsAt))).toEqual([
      '2027-03-16T09:00:00.000Z',
      '2027-03-23T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
    ]);
    expect(utc(expansion.occurrences.map((o) => o.endsAt))).toEqual([
      '2027-03-16T10:00:00.000Z',
      '2027-03-23T10:00:00.000Z',
      '2027-03-30T09:00:00.000Z',
      '2027-04-06T09:00:00.000Z',
    ]);
    expect(expansion).toMatchObject({
      rrule: 'FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=TU;COUNT=4',
      firstDate: '2027-03-16',
      startTime: '10:00',
      weekdays: ['TU'],
    });
  });

  it('keeps 10:00 in Rome across the autumn DST change (31 October 2027): 08 then 09 UTC', () => {
    const expansion = expandSeries({
      firstStartsAt: new Date('2027-10-19T10:00:00+02:00'),
      durationMinutes: 45,
      timeZone: ROME,
      until: '2027-11-02',
    });
    expect(utc(expansion.occurrences.map((o) => o.startsAt))).toEqual([
      '2027-10-19T08:00:00.000Z',
      '2027-10-26T08:00:00.000Z',
      '2027-11-02T09:00:00.000Z',
    ]);
    expect(expansion.occurrences[2].endsAt.toISOString()).toBe('2027-11-02T09:45:00.000Z');
    // UNTIL is the end of that local day, as an instant.
    expect(expansion.rrule).toBe('FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=TU;UNTIL=20271102T225959Z');
  });

  it('also across the October 2026 change, on several weekdays every two weeks', () => {
    const expansion = expandSeries({
      firstStartsAt: new Date('2026-10-19T17:30:00+02:00'),
      durationMinutes: 30,
      timeZone: ROME,
      weekdays: ['TH', 'MO'],
      intervalWeeks: 2,
      count: 4,
    });
    expect(expansion.weekdays).toEqual(['MO', 'TH']);
    expect(expansion.occurrences.map((o) => `${o.date} ${o.startsAt.toISOString()}`)).toEqual([
      '2026-10-19 2026-10-19T15:30:00.000Z',
      '2026-10-22 2026-10-22T15:30:00.000Z',
      '2026-11-02 2026-11-02T16:30:00.000Z',
      '2026-11-05 2026-11-05T16:30:00.000Z',
    ]);
  });

  it('skips exceptions, which still count towards COUNT (as EXDATE in RFC 5545)', () => {
    const expansion = expandSeries({
      firstStartsAt: new Date('2027-03-16T10:00:00+01:00'),
      durationMinutes: 60,
      timeZone: ROME,
      count: 4,
      exceptions: ['2027-03-23', '2027-05-01'],
    });
    expect(expansion.occurrences.map((o) => o.date)).toEqual(['2027-03-16', '2027-03-30', '2027-04-06']);
  });

  it('refuses rules outside the limits, naming the field', () => {
    const base = {
      firstStartsAt: new Date('2027-03-16T10:00:00+01:00'),
      durationMinutes: 60,
      timeZone: ROME,
    };
    const fieldOf = (rule: Parameters<typeof expandSeries>[0]) => {
      try {
        expandSeries(rule);
      } catch (error) {
        if (error instanceof SeriesRuleError) return error.field;
        throw error;
      }
      return undefined;
    };
    expect(fieldOf({ ...base })).toBe('until');
    expect(fieldOf({ ...base, count: 3, until: '2027-04-01' })).toBe('until');
    expect(fieldOf({ ...base, count: 53 })).toBe('count');
    expect(fieldOf({ ...base, count: 0 })).toBe('count');
    expect(fieldOf({ ...base, until: '2027-03-01' })).toBe('until');
    expect(fieldOf({ ...base, until: '2028-06-01' })).toBe('until');
    expect(fieldOf({ ...base, count: 3, intervalWeeks: 5 })).toBe('intervalWeeks');
    expect(fieldOf({ ...base, count: 1, exceptions: ['2027-03-16'] })).toBe('exceptions');
    // 52 weekly dates fit within 366 days; three a week for a year do not fit in 52.
    expect(expandSeries({ ...base, count: 52 }).occurrences).toHaveLength(52);
    expect(fieldOf({ ...base, weekdays: ['MO', 'TU', 'WE'], until: '2027-12-31' })).toBe('until');
  });
});
