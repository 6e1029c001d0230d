import { useTranslation } from 'react-i18next';
import { Breadcrumb } from '../../components/Breadcrumb';

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
    <Breadcrumb
      label={t('community.breadcrumb')}
      links={[
        { to: '/laboratori', label: t('labs.lab.back') },
        { to: `/laboratori/${labId}#${section}`, label: labTitle ?? t('labs.sessions.lab') },
      ]}
      className="mb-2"
    />
  );
}
