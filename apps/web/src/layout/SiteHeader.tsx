import { roomName } from '@convergo/contracts';
import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Header, HeaderContent, HeaderRightZone, Headers, Icon } from 'design-react-kit';
import { administers } from '../auth/administers';
import { ME_QUERY_KEY, useAuth } from '../auth/auth-context';
import { isEventOfType, useRoomEvents } from '../realtime/useRoomEvents';
import {
  moderatesEverywhere,
  moderatesSomewhere,
  useModerationScope,
} from '../pages/moderation/useModerationScope';
import { LanguageSwitch } from './LanguageSwitch';

// Only signed-in members see the bell: the login page does not carry it.
const NotificationBell = lazy(() =>
  import('./NotificationBell').then((module) => ({ default: module.NotificationBell })),
);

export const MAIN_NAV_ID = 'main-navigation';

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** Bootstrap Italia header: slim (owner, language, account), centre (brand, member), navbar. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { status, member, signOut } = useAuth();
  const signedIn = status === 'authenticated' && member !== null;
  const queryClient = useQueryClient();

  // The signed-in member, kept fresh when the profile changes on another device.
  useRoomEvents(signedIn ? roomName('member', member.id) : null, (event) => {
    if (isEventOfType(event, 'member.updated')) queryClient.setQueryData(ME_QUERY_KEY, event.data);
  });

  // Space moderators are plain members: only the API knows their scoped role.
  const scope = useModerationScope(signedIn && !moderatesEverywhere(member) ? member : null);
  const moderates = signedIn && (moderatesEverywhere(member) || moderatesSomewhere(scope.data));

  const items: NavItem[] = signedIn
    ? [
        { to: '/', label: t('nav.home'), end: true },
        { to: '/spazi', label: t('nav.community') },
        { to: '/documenti', label: t('documents.nav') },
        { to: '/laboratori', label: t('labs.nav') },
        { to: '/buone-pratiche', label: t('practices.nav') },
        { to: '/gemellaggi', label: t('twinnings.nav') },
        { to: '/calendario', label: t('labs.calendarNav') },
        { to: '/tutoraggio', label: t('tutoring.nav.menu') },
        { to: '/programmi', label: t('programmes.nav') },
        { to: '/profilo', label: t('nav.profile') },
        { to: '/membri', label: t('nav.members') },
        { to: '/enti', label: t('nav.organizations') },
        ...(moderates ? [{ to: '/moderazione', label: t('nav.moderation') }] : []),
        ...(administers(member) ? [{ to: '/amministrazione', label: t('nav.admin') }] : []),
      ]
    : [
        { to: '/accedi', label: t('nav.login') },
        { to: '/richiesta-accesso', label: t('nav.requestAccess') },
      ];

  return (
    <header>
      <Headers>
        <Header type="slim" theme="">
          <HeaderContent>
            <span className="navbar-brand text-white">{t('app.owner')}</span>
            <HeaderRightZone>
              <LanguageSwitch />
              {signedIn ? (
                <button
                  type="button"
                  className="btn btn-primary btn-icon btn-full ms-3"
                  onClick={() => void signOut()}
                >
                  <span className="rounded-icon" aria-hidden="true">
                    <Icon icon="it-logout" color="primary" size="sm" />
                  </span>
                  <span className="d-none d-lg-block">{t('auth.logout')}</span>
                  <span className="visually-hidden d-lg-none">{t('auth.logout')}</span>
                </button>
              ) : (
                <Link className="btn btn-primary btn-icon btn-full ms-3" to="/accedi">
                  <span className="rounded-icon" aria-hidden="true">
                    <Icon icon="it-user" color="primary" size="sm" />
                  </span>
                  <span className="d-none d-lg-block">{t('auth.loginArea')}</span>
                  <span className="visually-hidden d-lg-none">{t('auth.loginArea')}</span>
                </Link>
              )}
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <div className="it-nav-wrapper">
          <Header type="center" theme="">
            <HeaderContent>
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon icon="it-pa" color="white" />
                  <div className="it-brand-text">
                    <div className="it-brand-title">{t('app.name')}</div>
                    <div className="it-brand-tagline d-none d-md-block">{t('app.tagline')}</div>
                  </div>
                </Link>
              </div>
              {signedIn && (
                <HeaderRightZone className="gap-3">
                  <Suspense fallback={<span className="notification-bell-placeholder" />}>
                    <NotificationBell memberId={member.id} />
                  </Suspense>
                  <div className="text-white text-end member-badge">
                    <span className="d-block fw-semibold">{member.displayName}</span>
                    {member.organization && (
                      <span className="d-none d-md-block small">{member.organization.name}</span>
                    )}
                  </div>
                </HeaderRightZone>
              )}
            </HeaderContent>
          </Header>
          <MainNavigation items={items} />
        </div>
      </Headers>
    </header>
  );
}

/**
 * The navbar, collapsed into a side panel below 992px. Bootstrap Italia's own collapse
 * plugin is not loaded: this does its job (Escape, focus kept inside, focus returned).
 */
function MainNavigation({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const location = useLocation();

  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = panelRef.current.querySelectorAll<HTMLElement>('a[href], button:not([disabled])');
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="it-header-navbar-wrapper theme-light-desk">
      <div className="container-xxl">
        <div className="row">
          <div className="col-12">
            <nav
              className="navbar navbar-expand-lg has-megamenu"
              aria-label={t('nav.label')}
              id={MAIN_NAV_ID}
              tabIndex={-1}
            >
              <button
                ref={toggleRef}
                className="custom-navbar-toggler"
                type="button"
                aria-controls="main-nav-panel"
                aria-expanded={open}
                aria-label={t('nav.open')}
                onClick={() => setOpen(true)}
              >
                <Icon icon="it-burger" />
              </button>
              {open && <div className="navbar-backdrop fade show" onClick={close} aria-hidden="true" />}
              <div
                ref={panelRef}
                id="main-nav-panel"
                className={`navbar-collapsable${open ? ' expanded' : ''}`}
                style={open ? { display: 'block' } : undefined}
                onKeyDown={onKeyDown}
              >
                <div className="overlay" style={{ display: 'none' }} />
                <div className="close-div">
                  <button ref={closeRef} className="btn close-menu" type="button" onClick={close}>
                    <span className="visually-hidden">{t('nav.close')}</span>
                    <Icon icon="it-close-big" />
                  </button>
                </div>
                <div className="menu-wrapper">
                  <ul className="navbar-nav">
                    {items.map((item) => (
                      <li className="nav-item" key={item.to}>
                        <NavLink className="nav-link" to={item.to} end={item.end}>
                          <span>{item.label}</span>
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </nav>
          </div>
        </div>
      </div>
    </div>
  );
}
