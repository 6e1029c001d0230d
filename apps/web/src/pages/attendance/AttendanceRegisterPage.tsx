import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  roomName,
  type AttendanceInterval,
  type AttendanceRow,
  type MemberRef,
  type SessionAttendanceView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { LabBreadcrumb } from '../labs/LabBreadcrumb';
import { fetchLab, fetchSession, labKeys } from '../labs/labs-api';
import { sessionFormatters } from '../labs/lab-time';
import { romeClock, romeDateTime } from '../live/live-time';
import { AttendanceLog } from './AttendanceLog';
import { AttendanceRowForm } from './AttendanceRowForm';
import { attendanceKeys, confirmAttendance, fetchSessionAttendance } from './attendance-api';
import { foldAttendanceEvent, foldAttendanceRow } from './attendance-cache';
import { LabRegisterDownloads } from './LabRegisterDownloads';

function Intervals({ intervals, locale }: { intervals: AttendanceInterval[]; locale: string }) {
  const { t } = useTranslation();
  if (intervals.length === 0) return <>—</>;
  return (
    <ul className="list-unstyled mb-0 small">
      {intervals.map((interval, index) => (
        <li key={index}>
          <time dateTime={interval.from}>{romeClock(interval.from, locale)}</time>–
          {interval.to ? (
            <time dateTime={interval.to}>{romeClock(interval.to, locale)}</time>
          ) : (
            t('live.register.stillThere')
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * `/sessioni/:id/presenze`: the tutor's register of a session, live as people come and go
 * (`attendance:<id>`); corrections per row, the absentees, the confirmation (the signature)
 * and, after it, the log of every change.
 */
export function AttendanceRegisterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [liveMessage, setLiveMessage] = useState('');
  const session = useQuery({
    queryKey: labKeys.session(id),
    queryFn: ({ signal }) => fetchSession(id, signal),
  });
  const labId = session.data?.labId ?? '';
  const lab = useQuery({
    queryKey: labKeys.lab(labId),
    queryFn: ({ signal }) => fetchLab(labId, signal),
    enabled: !!labId,
  });
  const register = useQuery({
    queryKey: attendanceKeys.session(id),
    queryFn: ({ signal }) => fetchSessionAttendance(id, signal),
  });
  usePageTitle(
    session.data ? t('live.register.pageTitle', { title: session.data.title }) : t('live.register.title'),
  );

  useRoomEvents(
    register.isSuccess ? roomName('attendance', id) : null,
    (event) => {
      if (!isEventOfType(event, 'attendance.updated')) return;
      const data = event.data;
      client.setQueryData<SessionAttendanceView>(attendanceKeys.session(id), (old) =>
        old ? foldAttendanceEvent(old, data) : old,
      );
      if (data.row === null) void client.invalidateQueries({ queryKey: attendanceKeys.session(id) });
      if (data.confirmed) void client.invalidateQueries({ queryKey: attendanceKeys.log(id) });
      setLiveMessage(t('live.register.liveUpdated', { name: data.row?.member.displayName ?? '' }));
    },
    { onResync: () => void client.invalidateQueries({ queryKey: attendanceKeys.session(id) }) },
  );

  const confirm = useMutation({
    mutationFn: () => confirmAttendance(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: attendanceKeys.session(id) }),
  });

  const saved = (row: AttendanceRow) => {
    client.setQueryData<SessionAttendanceView>(attendanceKeys.session(id), (old) =>
      old ? foldAttendanceRow(old, row.member.id, row) : old,
    );
    void client.invalidateQueries({ queryKey: attendanceKeys.log(id) });
    setEditing(null);
    setLiveMessage(t('live.register.saved', { name: row.member.displayName }));
  };

  if (register.isPending) return <Loading />;
  if (register.isError) {
    const error = toApiError(register.error);
    return (
      <>
        <h1>{t('live.register.title')}</h1>
        {error.status === 403 ? (
          <p className="alert alert-warning" role="alert">
            {t('live.register.forbidden')}
          </p>
        ) : (
          <ProblemAlert error={error} onRetry={() => void register.refetch()} />
        )}
      </>
    );
  }
  const view = register.data;
  const title = session.data?.title ?? t('live.register.title');

  const editRow = (member: MemberRef, row: AttendanceRow | null) =>
    editing === member.id && (
      <AttendanceRowForm
        sessionId={id}
        member={member}
        row={row}
        confirmed={view.confirmed}
        onSaved={saved}
        onCancel={() => setEditing(null)}
      />
    );

  return (
    <>
      {session.data && (
        <LabBreadcrumb labId={session.data.labId} labTitle={lab.data?.title} section="calendario" />
      )}
      <h1 className="mb-2">{t('live.register.heading', { title })}</h1>
      {session.data && (
        <p className="mb-2">
          <time dateTime={session.data.startsAt}>{when.day(session.data.startsAt)}</time>,{' '}
          {when.range(session.data.startsAt, session.data.endsAt)} ·{' '}
          {t(`labs.sessions.modes.${session.data.mode}`)}
        </p>
      )}
      <nav aria-label={t('live.room.links')} className="d-flex flex-wrap gap-3 mb-3">
        {session.data && (
          <Link to={`/laboratori/${session.data.labId}/sessioni/${id}`}>{t('live.room.sessionPage')}</Link>
        )}
        <Link to={`/sessioni/${id}/live`}>{t('live.register.liveRoom')}</Link>
      </nav>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="register-live">
        {liveMessage}
      </p>

      <section aria-labelledby="register-state" className="mb-4">
        <h2 id="register-state" className="h5">
          {t('live.register.signature')}
        </h2>
        {view.confirmed ? (
          <p className="alert alert-success" data-testid="register-confirmed">
            {t('live.register.confirmed', {
              name: view.confirmedBy?.displayName ?? '',
              date: romeDateTime(view.confirmedAt, locale),
            })}
          </p>
        ) : (
          <>
            <p>{t('live.register.confirmHint')}</p>
            {confirm.isError && <ProblemAlert error={toApiError(confirm.error)} />}
            <button
              type="button"
              className="btn btn-primary"
              aria-disabled={confirm.isPending}
              onClick={() => !confirm.isPending && confirm.mutate()}
            >
              {t('live.register.confirm')}
            </button>
          </>
        )}
      </section>

      <section aria-labelledby="register-rows" className="mb-4">
        <h2 id="register-rows" className="h5">
          {t('live.register.rows', { count: view.items.length })}
        </h2>
        {view.items.length === 0 ? (
          <p>{t('live.register.empty')}</p>
        ) : (
          <div className="table-responsive">
            <table className="table table-sm align-middle" data-testid="register-table">
              <caption className="visually-hidden">{t('live.register.caption', { title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('live.register.columns.name')}</th>
                  <th scope="col">{t('live.register.columns.organization')}</th>
                  <th scope="col">{t('live.register.columns.mode')}</th>
                  <th scope="col">{t('live.register.columns.intervals')}</th>
                  <th scope="col">{t('live.register.columns.minutes')}</th>
                  <th scope="col">{t('live.register.columns.source')}</th>
                  <th scope="col">{t('live.register.columns.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('live.register.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((row) => (
                  <Fragment key={row.member.id}>
                    <tr data-member-id={row.member.id}>
                      <th scope="row" className="fw-semibold">
                        {row.member.displayName}
                      </th>
                      <td>{row.organization?.name ?? row.member.organizationName ?? '—'}</td>
                      <td>{t(`live.register.modes.${row.mode}`)}</td>
                      <td>
                        <Intervals intervals={row.intervals} locale={locale} />
                      </td>
                      <td data-testid="register-minutes">{row.minutes}</td>
                      <td>{t(`live.register.sources.${row.source}`)}</td>
                      <td>
                        {t(`live.register.statuses.${row.status}`)}
                        {row.note && <p className="small text-muted mb-0">{row.note}</p>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-outline-primary btn-sm"
                          aria-expanded={editing === row.member.id}
                          onClick={() => setEditing(editing === row.member.id ? null : row.member.id)}
                        >
                          {t('live.register.edit')}
                          <span className="visually-hidden"> {row.member.displayName}</span>
                        </button>
                      </td>
                    </tr>
                    {editing === row.member.id && (
                      <tr>
                        <td colSpan={8}>{editRow(row.member, row)}</td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="register-absentees" className="mb-4">
        <h2 id="register-absentees" className="h5">
          {t('live.register.absentees', { count: view.absentees.length })}
        </h2>
        {view.absentees.length === 0 ? (
          <p>{t('live.register.noAbsentees')}</p>
        ) : (
          <ul className="list-unstyled" data-testid="register-absentees">
            {view.absentees.map((member) => (
              <li key={member.id} className="py-1">
                <span className="fw-semibold">{member.displayName}</span>
                {member.organizationName && (
                  <span className="text-muted"> · {member.organizationName}</span>
                )}{' '}
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0 ms-2"
                  aria-expanded={editing === member.id}
                  onClick={() => setEditing(editing === member.id ? null : member.id)}
                >
                  {t('live.register.record', { name: member.displayName })}
                </button>
                {editRow(member, null)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.confirmed && <AttendanceLog sessionId={id} />}
      {session.data && (
        <section aria-labelledby="register-downloads" className="mb-4">
          <h2 id="register-downloads" className="h5">
            {t('live.downloads.title')}
          </h2>
          <LabRegisterDownloads labId={session.data.labId} />
        </section>
      )}
    </>
  );
}
