import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { LabSessionView } from '@convergo/contracts';
import { safeHttpUrl } from '../../lib/safe-url';
import { SessionStatusBadge } from './LabBadges';
import { sessionFormatters } from './lab-time';
import { useFormatters } from '../../i18n/format';

/** One session in a list: title (to its page), Rome time, mode, place or link, status. */
export function SessionSummary({
  session,
  showDay = false,
  labTitle,
  headingLevel = 3,
}: {
  session: LabSessionView;
  showDay?: boolean;
  labTitle?: string;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const url = session.onlineUrl ? safeHttpUrl(session.onlineUrl) : null;
  return (
    <article
      className="session-summary border-start border-4 border-primary ps-3 mb-3"
      data-session-id={session.id}
    >
      <Heading className="h6 mb-1">
        <Link to={`/laboratori/${session.labId}/sessioni/${session.id}`}>{session.title}</Link>{' '}
        <SessionStatusBadge status={session.status} />
      </Heading>
      <p className="mb-1 small">
        {showDay && <>{when.day(session.startsAt)}, </>}
        <time dateTime={session.startsAt}>{when.range(session.startsAt, session.endsAt)}</time> ·{' '}
        {t(`labs.sessions.modes.${session.mode}`)}
        {session.place && <> · {session.place}</>}
        {url && (
          <>
            {' · '}
            <a href={url} target="_blank" rel="noopener noreferrer">
              {t('labs.sessions.onlineUrl')} <span className="visually-hidden">{t('common.newWindow')}</span>
            </a>
          </>
        )}
      </p>
      {labTitle && <p className="mb-0 small text-muted">{t('labs.myCalendar.labOf', { title: labTitle })}</p>}
    </article>
  );
}
