import { fromRomeLocalInput } from '../labs/lab-time';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day after a `YYYY-MM-DD` calendar date (calendar arithmetic: no time zone involved). */
export function nextDay(date: string): string | null {
  const match = DAY.exec(date);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return next.toISOString().slice(0, 10);
}

/** The instant a Rome calendar day begins (`2026-03-29` → `2026-03-28T23:00:00.000Z`). */
export function romeDayStart(date: string): string | null {
  return DAY.test(date) ? fromRomeLocalInput(`${date}T00:00`) : null;
}

/** `from`/`to` of the slot search for Rome calendar days, both inclusive; empty days leave the bound open. */
export function romeDayRange(from: string, to: string): { from?: string; to?: string } {
  const start = from ? romeDayStart(from) : null;
  const after = to ? nextDay(to) : null;
  const end = after ? romeDayStart(after) : null;
  return { ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) };
}

/** The `YYYY-MM-DD` dates of a free text (commas, spaces or lines between them), each once, in order. */
export function parseDates(text: string): string[] {
  const dates = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => DAY.test(part));
  return [...new Set(dates)].sort();
}

/** The parts of such a text that are not `YYYY-MM-DD` dates (the form names them). */
export function notDates(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part && !DAY.test(part));
}
