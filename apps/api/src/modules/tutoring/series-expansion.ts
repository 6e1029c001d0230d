import { Frequency, RRule, type Weekday as RRuleWeekday } from 'rrule';
import { TUTORING_LIMITS, WEEKDAYS, type Weekday } from '@convergo/contracts';
import { instantOf, localDate, localTime, wallClockAt } from '../../common/time-zone';

export interface SeriesRule {
  firstStartsAt: Date;
  durationMinutes: number;
  timeZone: string;
  weekdays?: readonly Weekday[];
  intervalWeeks?: number;
  /** Last local date (YYYY-MM-DD), inclusive. */
  until?: string;
  count?: number;
  exceptions?: readonly string[];
}

export interface Occurrence {
  /** Local date (YYYY-MM-DD) in the series' zone. */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Expansion {
  /** The RFC 5545 RRULE (without DTSTART), e.g. `FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=4`. */
  rrule: string;
  firstDate: string;
  /** Wall-clock start, `HH:mm`. */
  startTime: string;
  weekdays: Weekday[];
  occurrences: Occurrence[];
}

/** Why a rule cannot be expanded: the field to name in the 400. */
export class SeriesRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const RRULE_DAYS: Record<Weekday, RRuleWeekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};

const DAY_MS = 86_400_000;

/**
 * Expands a weekly series into its slots. rrule works on "floating" times: it is fed the
 * wall-clock date and time in the series' zone as if they were UTC, so its weekly steps are
 * calendar steps in that zone; each wall-clock occurrence is then turned into the real instant
 * in the zone. So 10:00 stays 10:00 in Rome across a DST change, and its UTC hour moves.
 * COUNT counts the rule's occurrences, exceptions included (as RFC 5545's EXDATE does).
 */
export function expandSeries(rule: SeriesRule): Expansion {
  const wall = wallClockAt(rule.firstStartsAt, rule.timeZone);
  const firstDate = localDate(rule.firstStartsAt, rule.timeZone);
  const startTime = localTime(rule.firstStartsAt, rule.timeZone);
  const floatingStart = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  // getUTCDay: 0 Sunday; WEEKDAYS starts on Monday.
  const ownDay = WEEKDAYS[(floatingStart.getUTCDay() + 6) % 7];
  const weekdays = rule.weekdays && rule.weekdays.length > 0 ? [...new Set(rule.weekdays)] : [ownDay];
  weekdays.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const interval = rule.intervalWeeks ?? 1;

  if ((rule.until === undefined) === (rule.count === undefined)) {
    throw new SeriesRuleError('until', 'give exactly one of until and count');
  }
  if (!Number.isInteger(interval) || interval < 1 || interval > TUTORING_LIMITS.seriesMaxIntervalWeeks) {
    throw new SeriesRuleError('intervalWeeks', `must be 1 to ${TUTORING_LIMITS.seriesMaxIntervalWeeks}`);
  }
  const lastAllowed = new Date(floatingStart.getTime() + TUTORING_LIMITS.seriesMaxDays * DAY_MS);
  let until: Date | undefined;
  if (rule.until !== undefined) {
    const [y, m, d] = rule.until.split('-').map(Number);
    // Inclusive: any time on that local date.
    until = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
    if (Number.isNaN(until.getTime()) || until < floatingStart) {
      throw new SeriesRuleError('until', 'must be a date on or after the first occurrence');
    }
    if (until > lastAllowed) {
      throw new SeriesRuleError(
        'until',
        `must be within ${TUTORING_LIMITS.seriesMaxDays} days of the first occurrence`,
      );
    }
  }
  if (rule.count !== undefined) {
    if (
      !Number.isInteger(rule.count) ||
      rule.count < 1 ||
      rule.count > TUTORING_LIMITS.seriesMaxOccurrences
    ) {
      throw new SeriesRuleError('count', `must be 1 to ${TUTORING_LIMITS.seriesMaxOccurrences}`);
    }
  }

  const rrule = new RRule({
    freq: Frequency.WEEKLY,
    interval,
    byweekday: weekdays.map((day) => RRULE_DAYS[day]),
    wkst: RRule.MO,
    dtstart: floatingStart,
    ...(until ? { until } : { count: rule.count }),
  });
  // One more than allowed is enough to tell the series is too long.
  const floating = rrule.all((_date, i) => i <= TUTORING_LIMITS.seriesMaxOccurrences);
  const exceptions = new Set(rule.exceptions ?? []);
  const occurrences: Occurrence[] = [];
  for (const date of floating) {
    if (date > lastAllowed) {
      throw new SeriesRuleError('count', `the series must end within ${TUTORING_LIMITS.seriesMaxDays} days`);
    }
    const day = date.toISOString().slice(0, 10);
    if (exceptions.has(day)) continue;
    const startsAt = instantOf(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
      },
      rule.timeZone,
    );
    occurrences.push({
      date: day,
      startsAt,
      endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000),
    });
  }
  if (floating.length > TUTORING_LIMITS.seriesMaxOccurrences) {
    throw new SeriesRuleError(
      'until',
      `a series has at most ${TUTORING_LIMITS.seriesMaxOccurrences} occurrences`,
    );
  }
  if (occurrences.length === 0) throw new SeriesRuleError('exceptions', 'the series has no occurrence left');

  const parts = [`FREQ=WEEKLY`, `INTERVAL=${interval}`, `WKST=MO`, `BYDAY=${weekdays.join(',')}`];
  if (until) {
    // RFC 5545: with a zoned DTSTART, UNTIL is a UTC instant: here the last second of that local day.
    const lastMinute = instantOf(
      {
        year: until.getUTCFullYear(),
        month: until.getUTCMonth() + 1,
        day: until.getUTCDate(),
        hour: 23,
        minute: 59,
      },
      rule.timeZone,
    );
    parts.push(`UNTIL=${new Date(lastMinute.getTime() + 59_000).toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
  } else {
    parts.push(`COUNT=${rule.count}`);
  }
  return { rrule: parts.join(';'), firstDate, startTime, weekdays, occurrences };
}
