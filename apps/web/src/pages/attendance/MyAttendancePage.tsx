import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ListStatus } from '../../components/ListStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { sessionFormatters } from '../labs/lab-time';
import { attendanceKeys, fetchMyAttendance } from './attendance-api';

/** `/presenze`: the member's own attendance, per lab with the hours credited and per session. */
export function MyAttendancePage() {
  const { t } = useTranslation();
  const { locale, number } = useFormatters();
  const when = sessionFormatters(locale);
  usePageTitle(t('live.mine.title'));
  const mine = useQuery({
    queryKey: attendanceKeys.mine,
    queryFn: ({ signal }) => fetchMyAttendance(signal),
  });
  const labs = mine.data?.labs ?? [];

  return (
    <>
      <h1 className="mb-3">{t('live.mine.title')}</h1>
      <p>{t('live.mine.intro')}</p>
      <ListStatus query={mine} count={labs.length} empty={t('live.mine.none')} />
      {labs.map((lab) => (
        <section key={lab.labId} aria-labelledby={`mine-${lab.labId}`} className="mb-5">
          <h2 id={`mine-${lab.labId}`} className="h4">
            <Link to={`/laboratori/${lab.labId}`}>{lab.labTitle}</Link>
          </h2>
          <p className="fw-semibold" data-testid="my-hours">
            {t('live.mine.hours', { hours: number(lab.hours) })}
          </p>
          <div className="table-responsive">
            <table className="table table-sm">
              <caption className="visually-hidden">{t('live.mine.caption', { title: lab.labTitle })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('live.mine.columns.session')}</th>
                  <th scope="col">{t('live.mine.columns.date')}</th>
                  <th scope="col">{t('live.register.columns.mode')}</th>
                  <th scope="col">{t('live.register.columns.minutes')}</th>
                  <th scope="col">{t('live.register.columns.status')}</th>
                  <th scope="col">{t('live.mine.columns.register')}</th>
                </tr>
              </thead>
              <tbody>
                {lab.sessions.map((row) => (
                  <tr key={row.sessionId}>
                    <th scope="row">
                      <Link to={`/laboratori/${row.labId}/sessioni/${row.sessionId}`}>
                        {row.sessionTitle}
                      </Link>
                    </th>
                    <td>
                      <time dateTime={row.startsAt}>{when.day(row.startsAt)}</time>
                    </td>
                    <td>{t(`live.register.modes.${row.mode}`)}</td>
                    <td>{row.minutes}</td>
                    <td>{t(`live.register.statuses.${row.status}`)}</td>
                    <td>{row.confirmed ? t('live.mine.confirmed') : t('live.mine.toConfirm')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
