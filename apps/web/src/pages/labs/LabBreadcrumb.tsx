import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** Laboratori › <lab>: the way back from a lab's session or product to the right section of its page. */
export function LabBreadcrumb({
  labId,
  labTitle,
  section,
}: {
  labId: string;
  labTitle?: string;
  section: string;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('community.breadcrumb')} className="breadcrumb-container mb-2">
      <ol className="breadcrumb">
        <li className="breadcrumb-item">
          <Link to="/laboratori">{t('labs.lab.back')}</Link>
        </li>
        <li className="breadcrumb-item">
          <Link to={`/laboratori/${labId}#${section}`}>{labTitle ?? t('labs.sessions.lab')}</Link>
        </li>
      </ol>
    </nav>
  );
}
