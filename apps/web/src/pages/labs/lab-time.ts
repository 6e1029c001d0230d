import { SESSION_TIME_ZONE, type LabSessionView } from '@convergo/contracts';

/** The parts of `at` as a wall clock in Europe/Rome. */
function romeParts(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SESSION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-03-10T09:30` (an `<input type="datetime-local">` value) for an instant, on Rome's clock. */
export function toRomeLocalInput(iso: string): string {
  const p = romeParts(new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant (ISO, UTC) of a wall-clock time in Europe/Rome, e.g. `2025-03-10T09:30` → …08:30Z.
 * The offset is found by formatting a first guess back in Rome (twice, for the DST change days).
 */
export function fromRomeLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i += 1) {
    const p = romeParts(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

/** The check of a Rome wall-clock start: a real time, else `invalid`. */
export function romeStartRule(invalid: string): (value: string) => true | string {
  return (value) => (fromRomeLocalInput(value) ? true : invalid);
}

/**
 * The check of a Rome wall-clock end: a real time after `start()` and, with `maxHours`, at most
 * that long after it. An unreadable start is the start field's own error.
 */
export function romeEndRule(
  start: () => string,
  messages: { invalid: string; order: string; tooLong?: string },
  maxHours?: number,
): (value: string) => true | string {
  return (value) => {
    const end = fromRomeLocalInput(value);
    if (!end) return messages.invalid;
    const begin = fromRomeLocalInput(start());
    if (!begin) return true;
    const span = Date.parse(end) - Date.parse(begin);
    if (span <= 0) return messages.order;
    if (maxHours !== undefined && span > maxHours * 3_600_000) return messages.tooLong ?? messages.order;
    return true;
  };
}

/** `2025-03` of an instant in Rome: the month a session is listed under. */
export function romeMonthKey(iso: string): string {
  const p = romeParts(new Date(iso));
  return `${p.year}-${pad(p.month)}`;
}

/** `2025-03-10` of an instant in Rome: the day a session is listed under. */
export function romeDayKey(iso: string): string {
  const p = romeParts(new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Groups sessions (already sorted by start) under a key, keeping the order. */
export function groupSessions(
  sessions: readonly LabSessionView[],
  keyOf: (iso: string) => string,
): { key: string; sessions: LabSessionView[] }[] {
  const groups: { key: string; sessions: LabSessionView[] }[] = [];
  for (const session of sessions) {
    const key = keyOf(session.startsAt);
    const last = groups.at(-1);
    if (last && last.key === key) last.sessions.push(session);
    else groups.push({ key, sessions: [session] });
  }
  return groups;
}

/** Sessions sorted by start, as the API lists them (for caches a live event changed). */
export function sortSessions(sessions: readonly LabSessionView[]): LabSessionView[] {
  return [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** Replaces the session with the same id, or adds it; keeps the list sorted by start. */
export function upsertSession(
  sessions: readonly LabSessionView[],
  session: LabSessionView,
): LabSessionView[] {
  const others = sessions.filter((s) => s.id !== session.id);
  return sortSessions([...others, session]);
}

/** Formatters for session times, always on Rome's clock whatever the browser's zone. */
export function sessionFormatters(locale: string) {
  const zone = { timeZone: SESSION_TIME_ZONE };
  const month = new Intl.DateTimeFormat(locale, { ...zone, month: 'long', year: 'numeric' });
  const day = new Intl.DateTimeFormat(locale, {
    ...zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(locale, { ...zone, dateStyle: 'full', timeStyle: 'short' });
  return {
    month: (iso: string) => month.format(new Date(iso)),
    day: (iso: string) => day.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** "09:30–13:00", or with the end's date when it ends another day. */
    range: (startsAt: string, endsAt: string) =>
      romeDayKey(startsAt) === romeDayKey(endsAt)
        ? `${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`
        : `${time.format(new Date(startsAt))} – ${dateTime.format(new Date(endsAt))}`,
  };
}
