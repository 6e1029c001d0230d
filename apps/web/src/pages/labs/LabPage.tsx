import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LAB_STATUS_TRANSITIONS,
  type EventEnvelope,
  type LabStatus,
  type LabView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { isEventOfType } from '../../realtime/useRoomEvents';
import { LabStatusBadge } from './LabBadges';
import { LabRegisterDownloads } from '../attendance/LabRegisterDownloads';
import { LabSection } from './LabSection';
import { LabApplicationsSection } from './LabApplicationsSection';
import { LabCalendarSection } from './LabCalendarSection';
import { LabDeliverablesSection } from './LabDeliverablesSection';
import { LabGroupsSection, LabPeopleSection } from './LabPeopleSection';
import { LabModulesSection } from './LabModulesSection';
import { fetchLab, labKeys, setLabStatus } from './labs-api';
import { useLabLiveUpdates } from './useLabLiveUpdates';
import { Breadcrumb } from '../../components/Breadcrumb';

/** What a live event says in the page's live region (new and changed sessions, status changes). */
function announce(event: EventEnvelope, t: TFunction): string | null {
  if (isEventOfType(event, 'session.created'))
    return t('labs.calendar.sessionCreated', { title: event.data.title });
  if (isEventOfType(event, 'session.updated'))
    return t('labs.calendar.sessionUpdated', { title: event.data.title });
  if (isEventOfType(event, 'lab.updated')) return t('labs.lab.liveUpdated');
  return null;
}

function StatusButtons({ lab }: { lab: LabView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (status: LabStatus) => setLabStatus(lab.id, status),
    onSuccess: (updated) => {
      client.setQueryData(labKeys.lab(lab.id), updated);
      void client.invalidateQueries({ queryKey: labKeys.catalogue });
    },
  });
  return (
    <div className="mb-3">
      <h3 className="h6">{t('labs.lab.statusChange')}</h3>
      <div className="d-flex flex-wrap gap-2">
        {LAB_STATUS_TRANSITIONS[lab.status].map((to) => (
          <button
            key={to}
            type="button"
            className="btn btn-outline-primary btn-sm"
            aria-disabled={change.isPending}
            onClick={() => !change.isPending && change.mutate(to)}
          >
            {t(`labs.statusActions.${to}`)}
          </button>
        ))}
      </div>
      <div role="status">
        {change.isSuccess && (
          <p className="mt-2 mb-0">
            {t('labs.lab.statusChanged', { status: t(`labs.statuses.${change.data.status}`) })}
          </p>
        )}
      </div>
      {change.isError && <ProblemAlert error={toApiError(change.error)} />}
    </div>
  );
}

function Overview({ lab, isAdmin }: { lab: LabView; isAdmin: boolean }) {
  const { t } = useTranslation();
  const text = (value: string) =>
    value.trim() ? <p className="lab-text">{value}</p> : <p>{t('labs.lab.notProvided')}</p>;
  return (
    <LabSection id="presentazione" title={t('labs.lab.overview')}>
      <dl className="row mb-3">
        <dt className="col-sm-4">{t('labs.lab.status')}</dt>
        <dd className="col-sm-8">
          <LabStatusBadge status={lab.status} />
        </dd>
        <dt className="col-sm-4">{t('labs.catalogue.ambito')}</dt>
        <dd className="col-sm-8">{t(`labs.ambiti.${lab.ambito}`)}</dd>
        <dt className="col-sm-4">{t('labs.catalogue.regions')}</dt>
        <dd className="col-sm-8">
          {lab.regions.length ? lab.regions.join(', ') : t('labs.catalogue.allRegions')}
        </dd>
        <dt className="col-sm-4">{t('labs.lab.capacity')}</dt>
        <dd className="col-sm-8">
          {lab.capacity === null
            ? `${t('labs.catalogue.participants', { count: lab.participantCount })} · ${t('labs.lab.unlimited')}`
            : t('labs.catalogue.participantsOfCapacity', {
                count: lab.participantCount,
                capacity: lab.capacity,
              })}
        </dd>
      </dl>
      {isAdmin && <StatusButtons lab={lab} />}
      <h3 className="h5">{t('labs.lab.description')}</h3>
      {text(lab.description)}
      <h3 className="h5">{t('labs.lab.objectives')}</h3>
      {text(lab.objectives)}
      <h3 className="h5">{t('labs.lab.expectedResults')}</h3>
      {text(lab.expectedResults)}
      <h3 className="h5">{t('labs.lab.targetAdministrations')}</h3>
      {text(lab.targetAdministrations)}
    </LabSection>
  );
}

/** `/laboratori/:id`: a lab's presentation, modules, calendar, people, groups, products and applications. */
export function LabPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { member } = useAuth();
  const [liveMessage, setLiveMessage] = useState('');
  const lab = useQuery({ queryKey: labKeys.lab(id), queryFn: ({ signal }) => fetchLab(id, signal) });
  usePageTitle(lab.data?.title ?? t('labs.catalogue.title'));
  const isAdmin = member?.role === 'admin';
  const inLab = isAdmin || (lab.data?.myRole ?? null) !== null;
  useLabLiveUpdates(lab.data && inLab ? id : null, (event) => {
    const message = announce(event, t);
    if (message) setLiveMessage(message);
  });

  if (lab.isPending) return <Loading />;
  if (lab.isError) return <ProblemAlert error={toApiError(lab.error)} onRetry={() => void lab.refetch()} />;
  const view = lab.data;
  const canManage = isAdmin || view.myRole === 'tutor';

  const sections = [
    { id: 'presentazione', label: t('labs.lab.overview') },
    ...(inLab
      ? [
          { id: 'moduli', label: t('labs.modules.title') },
          { id: 'calendario', label: t('labs.calendar.title') },
          { id: 'partecipanti', label: t('labs.people.title') },
          { id: 'gruppi', label: t('labs.groups.title') },
          { id: 'prodotti', label: t('labs.deliverables.title') },
        ]
      : []),
    ...(canManage ? [{ id: 'presenze', label: t('live.downloads.title') }] : []),
    { id: 'candidature', label: t('labs.applications.title') },
  ];

  return (
    <>
      <Breadcrumb
        label={t('community.breadcrumb')}
        links={[{ to: '/laboratori', label: t('labs.lab.back') }]}
        current={view.title}
        className="mb-2"
      />
      <h1 className="mb-2">{view.title}</h1>
      <p className="mb-4">
        <LabStatusBadge status={view.status} />{' '}
        <span className="badge bg-light text-dark border">
          {t('labs.ambitoShort', { ambito: view.ambito })}
        </span>
        {view.myRole && (
          <span className="badge bg-info text-dark ms-1">
            {t('labs.catalogue.myRole', { role: t(`labs.roles.${view.myRole}`) })}
          </span>
        )}
      </p>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="lab-live">
        {liveMessage}
      </p>
      <nav aria-label={t('labs.lab.sections')} className="mb-4">
        <ul className="nav nav-pills flex-wrap">
          {sections.map((section) => (
            <li className="nav-item" key={section.id}>
              <a className="nav-link" href={`#${section.id}`}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Overview lab={view} isAdmin={isAdmin} />
      {inLab && (
        <>
          <LabModulesSection labId={id} />
          <LabCalendarSection lab={view} canManage={canManage} />
          <LabPeopleSection labId={id} />
          <LabGroupsSection labId={id} coachesAll={canManage} myId={member?.id ?? null} />
          <LabDeliverablesSection labId={id} canManage={canManage} />
        </>
      )}
      {canManage && (
        <LabSection id="presenze" title={t('live.downloads.title')}>
          <LabRegisterDownloads labId={id} />
        </LabSection>
      )}
      <LabApplicationsSection lab={view} canDecide={canManage} />
    </>
  );
}
