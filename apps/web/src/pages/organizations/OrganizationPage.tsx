import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { OrganizationView } from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { kindLabel } from '../../lib/organization-labels';
import { OrganizationNeedsPanel } from './OrganizationNeedsPanel';
import { Breadcrumb } from '../../components/Breadcrumb';

/** `/enti/:id`: one administration, its needs and the practices suggested for them. */
export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const organization = useQuery({
    queryKey: ['organization', id],
    queryFn: ({ signal }) => api<OrganizationView>(`/organizations/${id}`, { signal }),
  });
  usePageTitle(organization.data?.name ?? t('practices.matching.needs'));
  if (organization.isPending) return <Loading />;
  if (organization.isError)
    return (
      <ProblemAlert error={toApiError(organization.error)} onRetry={() => void organization.refetch()} />
    );
  const view = organization.data;
  return (
    <>
      <Breadcrumb
        label={t('practices.breadcrumb')}
        links={[{ to: '/enti', label: t('practices.matching.organizations') }]}
        current={view.name}
      />
      <h1 className="mb-2">{view.name}</h1>
      <p className="lead">
        {kindLabel(t, view.kind)}
        {view.region ? `, ${view.region}` : ''}
        {view.convergence ? ` — ${t('practices.matching.convergence')}` : ''}
      </p>
      <OrganizationNeedsPanel organizationId={view.id} />
    </>
  );
}
