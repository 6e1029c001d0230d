import { useEffect, useRef, type MouseEvent } from 'react';
import { Outlet, useLocation, useNavigation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { MAIN_NAV_ID, SiteHeader } from './SiteHeader';
import { SiteFooter } from './SiteFooter';

const MAIN_ID = 'main-content';

function focusById(event: MouseEvent<HTMLAnchorElement>, id: string) {
  event.preventDefault();
  document.getElementById(id)?.focus();
}

/** Moves focus to the new page's heading after a client-side navigation (not on first load). */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const main = document.getElementById(MAIN_ID);
      const heading = main?.querySelector<HTMLElement>('h1');
      const target = heading ?? main;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);
}

export function AppShell() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  useFocusOnNavigation();

  return (
    <RealtimeProvider>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href={`#${MAIN_ID}`} onClick={(e) => focusById(e, MAIN_ID)}>
          {t('skip.content')}
        </a>
        <a
          className="visually-hidden-focusable"
          href={`#${MAIN_NAV_ID}`}
          onClick={(e) => focusById(e, MAIN_NAV_ID)}
        >
          {t('skip.navigation')}
        </a>
      </div>
      <SiteHeader />
      <main id={MAIN_ID} tabIndex={-1} className="container-xxl py-4 py-lg-5 app-main">
        {navigation.state === 'loading' && (
          <div
            className="progress progress-indeterminate app-progress"
            role="progressbar"
            aria-label={t('common.loading')}
          >
            <span className="visually-hidden">{t('common.loading')}</span>
            <div className="progress-bar" />
          </div>
        )}
        <Outlet />
      </main>
      <SiteFooter />
    </RealtimeProvider>
  );
}
