import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALES, isLanguage, DEFAULT_LANGUAGE } from './index';

export interface Formatters {
  locale: string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  number(value: number): string;
  /** "5 minuti fa", "ieri": how long ago `iso` was at `now` (ms), through Intl.RelativeTimeFormat. */
  relative(iso: string | null | undefined, now: number): string;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

function relativeTime(format: Intl.RelativeTimeFormat, ms: number): string {
  // Under 45 seconds is "now" ("ora"); later values are rounded to the largest whole unit.
  if (Math.abs(ms) < 45_000) return format.format(0, 'second');
  let value = ms / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/** Dates and numbers through Intl, in the interface language (it-IT by default). */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return useMemo(() => {
    const locale = INTL_LOCALES[language];
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const safe = (format: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return '';
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? '' : format.format(value);
    };
    return {
      locale,
      date: safe(date),
      dateTime: safe(dateTime),
      number: (n: number) => number.format(n),
      relative: (iso: string | null | undefined, now: number) => {
        const at = iso ? new Date(iso).getTime() : Number.NaN;
        return Number.isNaN(at) ? '' : relativeTime(relative, at - now);
      },
    };
  }, [language]);
}
