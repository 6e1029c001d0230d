import { useTranslation } from 'react-i18next';
import type { PracticeStatus, PracticeThemeView } from '@convergo/contracts';
import { currentLanguage } from '../../i18n';

const STATUS_CLASSES: Record<PracticeStatus, string> = {
  proposed: 'bg-warning text-dark',
  changes_requested: 'bg-danger',
  published: 'bg-success',
  archived: 'bg-secondary',
};

export function PracticeStatusBadge({ status }: { status: PracticeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_CLASSES[status]}`}>{t(`practices.statuses.${status}`)}</span>;
}

/** A theme's label in the interface language. */
export function themeLabel(theme: PracticeThemeView): string {
  return currentLanguage() === 'en' ? theme.labelEn : theme.label;
}

export function ThemeBadges({ themes }: { themes: PracticeThemeView[] }) {
  return (
    <>
      {themes.map((theme) => (
        <span key={theme.code} className="badge bg-light text-dark border me-1">
          {themeLabel(theme)}
        </span>
      ))}
    </>
  );
}
