import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { saveLocale } from '../auth/auth-api';
import { ME_QUERY_KEY, useAuth } from '../auth/auth-context';
import { currentLanguage, LANGUAGES, rememberSignedOutChoice, setLanguage, type Language } from '../i18n';

const NAMES: Record<Language, { short: string; full: string }> = {
  it: { short: 'ITA', full: 'Italiano' },
  en: { short: 'ENG', full: 'English' },
};

/**
 * IT/EN toggle; each name is marked with its own language for screen readers. Signed in, the
 * choice is saved to the profile; signed out, it is kept for the next sign-in.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { status, member } = useAuth();
  const queryClient = useQueryClient();
  const active = currentLanguage();

  const choose = async (language: Language) => {
    await setLanguage(language);
    if (status !== 'authenticated' || !member) {
      rememberSignedOutChoice(language);
      return;
    }
    if (member.locale === language) return;
    try {
      queryClient.setQueryData(ME_QUERY_KEY, await saveLocale(language));
    } catch {
      // not saved (offline, session ended): the choice still holds on this device
    }
  };

  return (
    <div className="btn-group language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={`btn btn-sm ${language === active ? 'btn-light' : 'btn-outline-light'}`}
          aria-pressed={language === active}
          onClick={() => void choose(language)}
        >
          <span aria-hidden="true">{NAMES[language].short}</span>
          <span className="visually-hidden">{NAMES[language].full}</span>
        </button>
      ))}
    </div>
  );
}
