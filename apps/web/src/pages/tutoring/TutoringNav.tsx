import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The tutoring pages' own menu: booking, the tutor's slots (for tutors), coaching threads. */
export function TutoringNav({ isTutor }: { isTutor: boolean }) {
  const { t } = useTranslation();
  const links = [
    { to: '/tutoraggio', label: t('tutoring.nav.book'), end: true },
    ...(isTutor ? [{ to: '/tutoraggio/gestione', label: t('tutoring.nav.manage'), end: false }] : []),
    { to: '/tutoraggio/coaching', label: t('tutoring.nav.coaching'), end: false },
  ];
  return (
    <nav aria-label={t('tutoring.nav.label')} className="mb-4">
      <ul className="nav nav-tabs">
        {links.map((link) => (
          <li className="nav-item" key={link.to}>
            <NavLink to={link.to} end={link.end} className="nav-link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
