import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** Queue and log, as two pages under one heading area. */
export function ModerationTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('moderation.sections')} className="mb-4">
      <ul className="nav nav-tabs">
        <li className="nav-item">
          <NavLink to="/moderazione" end className="nav-link">
            {t('moderation.queue.title')}
          </NavLink>
        </li>
        <li className="nav-item">
          <NavLink to="/moderazione/registro" className="nav-link">
            {t('moderation.log.title')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
