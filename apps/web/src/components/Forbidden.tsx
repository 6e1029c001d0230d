import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle';

/** What a page shows to someone it is not for: its heading and the tab title say so. */
export function Forbidden({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbiddenTitle'));
  return (
    <>
      <h1>{t('errors.forbiddenTitle')}</h1>
      <p>{children}</p>
    </>
  );
}
