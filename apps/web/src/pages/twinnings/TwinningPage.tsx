import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { TwinningView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { OrganizationLink } from './OrganizationLink';
import { TwinningActivitiesSection } from './TwinningActivitiesSection';
import { TwinningPlanSection } from './TwinningPlanSection';
import { TwinningStatusActions } from './TwinningStatusActions';
import { TwinningStatusBadge, TwinningStepper } from './TwinningStatus';
import { fetchTwinning, twinningKeys } from './twinnings-api';
import { useTwinningLiveUpdates } from './useTwinningLiveUpdates';
import { Breadcrumb } from '../../components/Breadcrumb';

function StatusHistory({ twinning }: { twinning: TwinningView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="mb-4" aria-labelledby="twinning-history">
      <h2 className="h4" id="twinning-history">
        {t('twinnings.history.title')}
      </h2>
      {twinning.history.length === 0 && <p>{t('twinnings.history.none')}</p>}
      <ol className="list-unstyled" data-testid="twinning-history">
        {twinning.history.map((change, index) => (
          <li key={`${change.changedAt}-${index}`} className="mb-2">
            <time dateTime={change.changedAt} className="me-2">
              {format.dateTime(change.changedAt)}
            </time>
            <TwinningStatusBadge status={change.to} />
            {change.note && (
              <p className="mb-0 small" style={{ whiteSpace: 'pre-line' }}>
                {t('twinnings.history.note', { note: change.note })}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * `/gemellaggi/:id`: the twinning's progress, parties, plan, activities and history; its private
 * space and documents for the parties; the admins' moves. Kept live on `twinning:<id>`.
 */
export function TwinningPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { member } = useAuth();
  const isAdmin = member?.role === 'admin';
  const twinning = useQuery({
    queryKey: twinningKeys.twinning(id),
    queryFn: ({ signal }) => fetchTwinning(id, signal),
  });
  usePageTitle(twinning.data?.title ?? t('twinnings.list.title'));
  const mayWork = Boolean(twinning.data && (twinning.data.isParty || isAdmin));
  // The room is the parties' and admins': others read the page without live updates.
  const announcement = useTwinningLiveUpdates(id, mayWork);

  if (twinning.isPending) return <Loading />;
  if (twinning.isError)
    return <ProblemAlert error={toApiError(twinning.error)} onRetry={() => void twinning.refetch()} />;
  const view = twinning.data;

  return (
    <>
      <Breadcrumb
        label={t('twinnings.breadcrumb')}
        links={[{ to: '/gemellaggi', label: t('twinnings.list.title') }]}
        current={view.title}
      />
      <h1 className="mb-2">{view.title}</h1>
      <p className="mb-3" data-testid="twinning-status">
        <TwinningStatusBadge status={view.status} />
      </p>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <TwinningStepper status={view.status} reached={view.history.map((h) => h.to)} />

      <section className="mb-4" aria-labelledby="twinning-parties">
        <h2 className="h4" id="twinning-parties">
          {t('twinnings.page.parties')}
        </h2>
        <dl className="row">
          <dt className="col-sm-3">{t('twinnings.page.offering')}</dt>
          <dd className="col-sm-9">
            <OrganizationLink organization={view.offeringOrganization} />
          </dd>
          <dt className="col-sm-3">{t('twinnings.page.receiving')}</dt>
          <dd className="col-sm-9">
            <ul className="list-unstyled mb-0">
              {view.receivingOrganizations.map((organization) => (
                <li key={organization.id}>
                  <OrganizationLink organization={organization} />
                </li>
              ))}
            </ul>
          </dd>
          <dt className="col-sm-3">{t('twinnings.page.practice')}</dt>
          <dd className="col-sm-9">
            {view.practiceId ? (
              <Link to={`/buone-pratiche/${view.practiceId}`}>{view.practiceTitle}</Link>
            ) : (
              view.practiceTitle
            )}
          </dd>
          {view.needs && (
            <>
              <dt className="col-sm-3">{t('twinnings.page.needs')}</dt>
              <dd className="col-sm-9" style={{ whiteSpace: 'pre-line' }}>
                {view.needs}
              </dd>
            </>
          )}
        </dl>
      </section>

      {mayWork && (
        <section className="mb-4" aria-labelledby="twinning-workspace">
          <h2 className="h4" id="twinning-workspace">
            {t('twinnings.page.workspace')}
          </h2>
          <ul className="list-unstyled">
            {view.spaceId && (
              <li className="mb-2">
                <Link to={`/spazi/${view.spaceId}`}>{t('twinnings.page.space')}</Link>
              </li>
            )}
            {!view.spaceId && view.status === 'candidatura' && (
              <li className="mb-2">{t('twinnings.page.noSpace')}</li>
            )}
            <li>
              <Link to={`/documenti?owner=${encodeURIComponent(`twinning:${view.id}`)}`}>
                {t('twinnings.page.documents')}
              </Link>
            </li>
          </ul>
        </section>
      )}

      <TwinningPlanSection twinning={view} />
      <TwinningActivitiesSection twinning={view} mayWork={mayWork} />
      <StatusHistory twinning={view} />
      {isAdmin && <TwinningStatusActions twinning={view} />}
    </>
  );
}
