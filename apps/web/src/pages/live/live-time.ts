import { SESSION_TIME_ZONE } from '@convergo/contracts';

/** "10:42" (or "10:42:05") on Rome's clock, like the calendar and the register. */
export function romeClock(iso: string | null | undefined, locale: string, seconds = false): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone: SESSION_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(at);
}

/** "12 maggio 2027, 10:42" on Rome's clock. */
export function romeDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone: SESSION_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

/** Seconds left as "m:ss" (or "h:mm:ss"). */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
