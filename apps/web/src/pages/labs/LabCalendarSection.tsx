import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { LabView } from '@convergo/contracts';
import { ListStatus } from '../../components/ListStatus';
import { useFormatters } from '../../i18n/format';
import { LabSection } from './LabSection';
import { SessionForm } from './SessionForm';
import { SessionSummary } from './SessionSummary';
import { downloadLabCalendar, fetchLabModules, fetchLabSessions, labKeys } from './labs-api';
import { groupSessions, romeMonthKey, sessionFormatters } from './lab-time';

/** The lab's sessions by month (Rome time), the .ics, and the tutors' "Nuova sessione" form. */
export function LabCalendarSection({ lab, canManage }: { lab: LabView; canManage: boolean }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const sessions = useQuery({
    queryKey: labKeys.sessions(lab.id),
    queryFn: ({ signal }) => fetchLabSessions(lab.id, signal),
  });
  const modules = useQuery({
    queryKey: labKeys.modules(lab.id),
    queryFn: ({ signal }) => fetchLabModules(lab.id, signal),
    enabled: canManage,
  });
  const items = sessions.data ?? [];
  const months = groupSessions(items, romeMonthKey);

  return (
    <LabSection id="calendario" title={t('labs.calendar.title')}>
      <p className="small">{t('labs.calendar.timeZoneNote')}</p>
      <div className="d-flex flex-wrap gap-3 align-items-center mb-3">
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          onClick={() => {
            setDownloadFailed(false);
            downloadLabCalendar(lab.id, t('labs.calendar.fileName')).catch(() => setDownloadFailed(true));
          }}
        >
          {t('labs.calendar.download')}
        </button>
        <Link to="/calendario#collega">{t('labs.calendar.subscribe')}</Link>
      </div>
      <p className="small">{t('labs.calendar.subscribeHint')}</p>
      <div role="alert">
        {downloadFailed && <p className="text-danger">{t('labs.calendar.downloadFailed')}</p>}
      </div>
      <ListStatus query={sessions} count={items.length} empty={t('labs.calendar.none')} />
      {months.map((month) => (
        <div key={month.key} className="mb-3">
          <h3 className="h5 text-capitalize">{when.month(month.sessions[0].startsAt)}</h3>
          <ul className="list-unstyled" aria-label={when.month(month.sessions[0].startsAt)}>
            {month.sessions.map((session) => (
              <li key={session.id}>
                <SessionSummary session={session} showDay headingLevel={4} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {canManage && (
        <details className="mt-4 border rounded p-3">
          <summary className="fw-semibold">{t('labs.sessionForm.newTitle')}</summary>
          <div className="mt-3">
            <SessionForm labId={lab.id} modules={modules.data ?? []} onDone={() => undefined} />
          </div>
        </details>
      )}
    </LabSection>
  );
}
