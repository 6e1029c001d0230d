import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { OrganizationSummary } from '@convergo/contracts';
import { kindLabel } from '../../lib/organization-labels';

/** "Comune di Napoli (Comune, Campania)", the name linking to the administration's page. */
export function OrganizationLink({ organization }: { organization: OrganizationSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={`/enti/${organization.id}`}>{organization.name}</Link> ({kindLabel(t, organization.kind)}
      {organization.region ? `, ${organization.region}` : ''})
    </>
  );
}
