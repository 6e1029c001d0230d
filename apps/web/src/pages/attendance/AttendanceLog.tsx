import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { AttendanceChangeView } from '@convergo/contracts';
import { ListStatus } from '../../components/ListStatus';
import { useFormatters } from '../../i18n/format';
import { romeDateTime } from '../live/live-time';
import { attendanceKeys, fetchAttendanceLog } from './attendance-api';

function Figures({ figures }: { figures: AttendanceChangeView['after'] | null }) {
  const { t } = useTranslation();
  if (!figures) return <>—</>;
  return (
    <>
      {t(`live.register.statuses.${figures.status}`)}, {t(`live.register.modes.${figures.mode}`)},{' '}
      {t('live.register.minutesShort', { count: figures.minutes })}
    </>
  );
}

/** The changes made to the register after its confirmation: who, when, before, after, why. */
export function AttendanceLog({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const log = useQuery({
    queryKey: attendanceKeys.log(sessionId),
    queryFn: ({ signal }) => fetchAttendanceLog(sessionId, signal),
  });
  const items = log.data ?? [];
  return (
    <section aria-labelledby="register-log" className="mb-4">
      <h2 id="register-log" className="h5">
        {t('live.register.log')}
      </h2>
      <ListStatus query={log} count={items.length} empty={t('live.register.logEmpty')} />
      {items.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm" data-testid="register-log">
            <thead>
              <tr>
                <th scope="col">{t('live.register.logColumns.when')}</th>
                <th scope="col">{t('live.register.logColumns.member')}</th>
                <th scope="col">{t('live.register.logColumns.by')}</th>
                <th scope="col">{t('live.register.logColumns.before')}</th>
                <th scope="col">{t('live.register.logColumns.after')}</th>
                <th scope="col">{t('live.register.logColumns.note')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((change) => (
                <tr key={change.id}>
                  <td>
                    <time dateTime={change.changedAt}>{romeDateTime(change.changedAt, locale)}</time>
                  </td>
                  <td>{change.member.displayName}</td>
                  <td>{change.changedBy.displayName}</td>
                  <td>
                    <Figures figures={change.before} />
                  </td>
                  <td>
                    <Figures figures={change.after} />
                  </td>
                  <td>{change.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
