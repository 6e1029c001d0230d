import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n';

const NAMES: Record<Language, { short: string; full: string }> = {
  it: { short: 'ITA', full: 'Italiano' },
  en: { short: 'ENG', full: 'English' },
};

/** IT/EN toggle; each name is marked with its own language for screen readers. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="btn-group language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={`btn btn-sm ${language === active ? 'btn-light' : 'btn-outline-light'}`}
          aria-pressed={language === active}
          onClick={() => void setLanguage(language)}
        >
          <span aria-hidden="true">{NAMES[language].short}</span>
          <span className="visually-hidden">{NAMES[language].full}</span>
        </button>
      ))}
    </div>
  );
}
