import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SESSION_STATUS_TRANSITIONS, type SessionStatus } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { safeHttpUrl } from '../../lib/safe-url';
import { isEventOfType } from '../../realtime/useRoomEvents';
import { SessionStatusBadge } from './LabBadges';
import { LabBreadcrumb } from './LabBreadcrumb';
import { SessionForm } from './SessionForm';
import { fetchLab, fetchLabModules, fetchSession, labKeys, updateSession } from './labs-api';
import { sessionFormatters } from './lab-time';
import { foldSession, useSessionLiveUpdates } from './useLabLiveUpdates';

/** `/laboratori/:labId/sessioni/:id`: a session's details, agenda, notes; tutors change it. */
export function SessionPage() {
  const { labId = '', id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const { member } = useAuth();
  const client = useQueryClient();
  const [liveMessage, setLiveMessage] = useState('');
  const session = useQuery({
    queryKey: labKeys.session(id),
    queryFn: ({ signal }) => fetchSession(id, signal),
  });
  const lab = useQuery({ queryKey: labKeys.lab(labId), queryFn: ({ signal }) => fetchLab(labId, signal) });
  const canManage = member?.role === 'admin' || lab.data?.myRole === 'tutor';
  const inLab = member?.role === 'admin' || (lab.data?.myRole ?? null) !== null;
  const modules = useQuery({
    queryKey: labKeys.modules(labId),
    queryFn: ({ signal }) => fetchLabModules(labId, signal),
    enabled: canManage,
  });
  usePageTitle(session.data?.title ?? t('labs.calendar.title'));
  useSessionLiveUpdates(session.data ? id : null, (event) => {
    if (isEventOfType(event, 'session.updated'))
      setLiveMessage(t('labs.calendar.sessionUpdated', { title: event.data.title }));
  });
  const changeStatus = useMutation({
    mutationFn: (status: SessionStatus) => updateSession(id, { status }),
    onSuccess: (updated) => foldSession(client, updated),
  });

  if (session.isPending) return <Loading />;
  if (session.isError)
    return <ProblemAlert error={toApiError(session.error)} onRetry={() => void session.refetch()} />;
  const view = session.data;
  const url = safeHttpUrl(view.onlineUrl);
  const module = modules.data?.find((m) => m.id === view.moduleId);

  return (
    <>
      <LabBreadcrumb labId={labId} labTitle={lab.data?.title} section="calendario" />
      <h1 className="mb-2">{view.title}</h1>
      <p role="status" className="mb-3">
        <SessionStatusBadge status={view.status} />
        <span className="visually-hidden"> {liveMessage}</span>
      </p>
      {inLab && (
        <div className="d-flex flex-wrap gap-2 mb-4">
          {(view.status === 'scheduled' || view.status === 'live') && (
            <Link className="btn btn-primary" to={`/sessioni/${view.id}/live`}>
              {t('live.links.enterLive')}
            </Link>
          )}
          {!canManage && view.mode !== 'online' && view.status === 'live' && (
            <Link className="btn btn-outline-primary" to={`/sessioni/${view.id}/check-in`}>
              {t('live.links.checkIn')}
            </Link>
          )}
          {canManage && (
            <Link className="btn btn-outline-primary" to={`/sessioni/${view.id}/presenze`}>
              {t('live.links.register')}
            </Link>
          )}
        </div>
      )}
      <dl className="row">
        <dt className="col-sm-3">{t('labs.sessions.when')}</dt>
        <dd className="col-sm-9">
          <time dateTime={view.startsAt}>{when.day(view.startsAt)}</time>,{' '}
          {when.range(view.startsAt, view.endsAt)}
        </dd>
        <dt className="col-sm-3">{t('labs.sessions.mode')}</dt>
        <dd className="col-sm-9">{t(`labs.sessions.modes.${view.mode}`)}</dd>
        {view.place && (
          <>
            <dt className="col-sm-3">{t('labs.sessions.place')}</dt>
            <dd className="col-sm-9">{view.place}</dd>
          </>
        )}
        {url && (
          <>
            <dt className="col-sm-3">{t('labs.sessions.onlineUrl')}</dt>
            <dd className="col-sm-9">
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url} <span className="visually-hidden">{t('common.newWindow')}</span>
              </a>
            </dd>
          </>
        )}
        {module && (
          <>
            <dt className="col-sm-3">{t('labs.sessions.module')}</dt>
            <dd className="col-sm-9">{module.title}</dd>
          </>
        )}
        {view.notesDocumentId && (
          <>
            <dt className="col-sm-3">{t('labs.sessions.notes')}</dt>
            <dd className="col-sm-9">
              <Link to={`/documenti/${view.notesDocumentId}`}>{t('labs.sessions.openNotes')}</Link>
            </dd>
          </>
        )}
      </dl>
      <h2 className="h4">{t('labs.sessions.agenda')}</h2>
      {view.agenda.length === 0 ? (
        <p>{t('labs.sessions.noAgenda')}</p>
      ) : (
        <ol>
          {view.agenda.map((item, index) => (
            <li key={index} aria-current={view.currentStep === index ? 'step' : undefined}>
              {item.title}
              {item.minutes ? (
                <span className="text-muted"> ({t('labs.sessions.minutes', { count: item.minutes })})</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canManage && (
        <section aria-labelledby="session-manage" className="mt-5">
          <h2 id="session-manage" className="h4">
            {t('labs.sessions.manage')}
          </h2>
          {SESSION_STATUS_TRANSITIONS[view.status].length > 0 && (
            <div className="d-flex flex-wrap gap-2 mb-3">
              {SESSION_STATUS_TRANSITIONS[view.status].map((to) => (
                <button
                  key={to}
                  type="button"
                  className={`btn btn-sm ${to === 'cancelled' ? 'btn-outline-danger' : 'btn-outline-primary'}`}
                  aria-disabled={changeStatus.isPending}
                  onClick={() => !changeStatus.isPending && changeStatus.mutate(to)}
                >
                  {t(`labs.sessions.statusActions.${to}`)}
                </button>
              ))}
            </div>
          )}
          {changeStatus.isError && <ProblemAlert error={toApiError(changeStatus.error)} />}
          {view.status !== 'ended' && (
            <SessionForm
              key={`${view.id}-${view.icalSequence}`}
              labId={labId}
              modules={modules.data ?? []}
              session={view}
              onDone={() => undefined}
            />
          )}
        </section>
      )}
    </>
  );
}
