import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The greeting (gender-neutral) and, for whoever is new, what Convergo is for. */
export function HomeWelcome({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <header className="mb-4">
      <h1 className="mb-2">{t('home.welcome', { name })}</h1>
      <p className="lead mb-1">{t('home.purpose')}</p>
      <p className="mb-0">
        {t('home.deskHint')} <Link to="/profilo">{t('home.profileLink')}</Link>
      </p>
    </header>
  );
}
