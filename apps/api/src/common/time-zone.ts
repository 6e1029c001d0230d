/** Wall-clock date and time in one IANA zone (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock & { second: number } {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (Europe/Rome: +1 h in winter, +2 h in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClockAt(new Date(instant), timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which a clock in `timeZone` shows `wall`. The offset is taken twice because the
 * first guess may sit on the other side of a DST change; a time the spring change skips (02:30)
 * lands an hour later, as calendar apps do.
 */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return new Date(second);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  const c = wallClockAt(instant, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** `HH:mm` of the instant in the zone. */
export function localTime(instant: Date, timeZone: string): string {
  const c = wallClockAt(instant, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/** `YYYY-MM-DD HH:mm–HH:mm` in the zone, for messages naming a time range. */
export function localRange(startsAt: Date, endsAt: Date, timeZone: string): string {
  return `${localDate(startsAt, timeZone)} ${localTime(startsAt, timeZone)}–${localTime(endsAt, timeZone)} (${timeZone})`;
}
