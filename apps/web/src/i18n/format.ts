import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALES, isLanguage, DEFAULT_LANGUAGE } from './index';

export interface Formatters {
  locale: string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  number(value: number): string;
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
    const safe = (format: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return '';
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? '' : format.format(value);
    };
    return { locale, date: safe(date), dateTime: safe(dateTime), number: (n: number) => number.format(n) };
  }, [language]);
}
