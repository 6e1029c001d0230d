import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roomName, type CalendarFeedView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ListStatus } from '../../components/ListStatus';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { useRoomEvents } from '../../realtime/useRoomEvents';
import { SessionSummary } from './SessionSummary';
import { fetchMyLabs, fetchMySessions, labKeys, revokeCalendarFeed, rotateCalendarFeed } from './labs-api';
import { groupSessions, romeDayKey, sessionFormatters } from './lab-time';
import { foldLabEvent } from './useLabLiveUpdates';

/** Listens to one lab's room and folds its sessions into the member's calendar. */
function LabRoom({ labId }: { labId: string }) {
  const client = useQueryClient();
  useRoomEvents(
    roomName('lab', labId),
    (event) => {
      foldLabEvent(client, event);
    },
    { onResync: () => void client.invalidateQueries({ queryKey: labKeys.mySessions }) },
  );
  return null;
}

function FeedPanel() {
  const { t } = useTranslation();
  const [feed, setFeed] = useState<CalendarFeedView | null>(null);
  const [message, setMessage] = useState('');
  const rotate = useMutation({
    mutationFn: rotateCalendarFeed,
    onSuccess: (created) => {
      setFeed(created);
      setMessage(t('labs.feed.created'));
    },
  });
  const revoke = useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: () => {
      setFeed(null);
      setMessage(t('labs.feed.revoked'));
    },
  });
  const copy = async () => {
    if (!feed) return;
    try {
      await navigator.clipboard.writeText(feed.url);
      setMessage(t('labs.feed.copied'));
    } catch {
      setMessage(t('labs.feed.copyFailed'));
    }
  };
  const error = rotate.error ?? revoke.error;
  return (
    <section id="collega" aria-labelledby="feed-heading" className="card card-bg mb-5">
      <div className="card-body">
        <h2 id="feed-heading" className="h4 card-title">
          {t('labs.feed.title')}
        </h2>
        <p>{t('labs.feed.intro')}</p>
        <ul>
          <li>{t('labs.feed.outlook')}</li>
          <li>{t('labs.feed.google')}</li>
        </ul>
        <p className="small">{t('labs.feed.secret')}</p>
        {feed && (
          <div className="form-group">
            <label htmlFor="feed-url" className="active">
              {t('labs.feed.url')}
            </label>
            <input
              id="feed-url"
              className="form-control"
              readOnly
              value={feed.url}
              onFocus={(e) => e.target.select()}
            />
          </div>
        )}
        <div className="d-flex flex-wrap gap-2">
          {feed && (
            <button type="button" className="btn btn-primary" onClick={() => void copy()}>
              {t('labs.feed.copy')}
            </button>
          )}
          <button
            type="button"
            className={feed ? 'btn btn-outline-primary' : 'btn btn-primary'}
            aria-disabled={rotate.isPending}
            onClick={() => !rotate.isPending && rotate.mutate()}
          >
            {feed ? t('labs.feed.rotate') : t('labs.feed.create')}
          </button>
          <button
            type="button"
            className="btn btn-outline-danger"
            aria-disabled={revoke.isPending}
            onClick={() => !revoke.isPending && revoke.mutate()}
          >
            {t('labs.feed.revoke')}
          </button>
        </div>
        <p role="status" className="mt-2 mb-0">
          {message}
        </p>
        {error && <ProblemAlert error={toApiError(error)} />}
      </div>
    </section>
  );
}

/** `/calendario`: the sessions of my labs by day (Rome time), live; the private calendar feed. */
export function MyCalendarPage() {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  usePageTitle(t('labs.myCalendar.title'));
  const sessions = useQuery({
    queryKey: labKeys.mySessions,
    queryFn: ({ signal }) => fetchMySessions(signal),
  });
  const labs = useQuery({ queryKey: labKeys.mine, queryFn: ({ signal }) => fetchMyLabs(signal) });
  const titles = new Map((labs.data ?? []).map((lab) => [lab.id, lab.title]));
  const labIds = new Set([
    ...(labs.data ?? []).map((lab) => lab.id),
    ...(sessions.data ?? []).map((s) => s.labId),
  ]);
  const now = Date.now();
  const items = sessions.data ?? [];
  const upcoming = items.filter((s) => Date.parse(s.endsAt) >= now);
  const past = items.filter((s) => Date.parse(s.endsAt) < now).reverse();

  const days = (list: typeof items) =>
    groupSessions(list, romeDayKey).map((day) => (
      <div key={day.key} className="mb-3">
        <h3 className="h5 text-capitalize">{when.day(day.sessions[0].startsAt)}</h3>
        <ul className="list-unstyled">
          {day.sessions.map((session) => (
            <li key={session.id}>
              <SessionSummary session={session} labTitle={titles.get(session.labId)} headingLevel={4} />
            </li>
          ))}
        </ul>
      </div>
    ));

  return (
    <>
      {[...labIds].map((labId) => (
        <LabRoom key={labId} labId={labId} />
      ))}
      <h1 className="mb-3">{t('labs.myCalendar.title')}</h1>
      <p className="lead">{t('labs.myCalendar.intro')}</p>
      <section aria-labelledby="upcoming-heading" className="mb-5">
        <h2 id="upcoming-heading" className="h4">
          {t('labs.myCalendar.upcoming')}
        </h2>
        <ListStatus query={sessions} count={upcoming.length} empty={t('labs.myCalendar.noUpcoming')} />
        <div aria-live="polite">{days(upcoming)}</div>
      </section>
      <FeedPanel />
      <section aria-labelledby="past-heading" className="mb-5">
        <h2 id="past-heading" className="h4">
          {t('labs.myCalendar.past')}
        </h2>
        {sessions.isSuccess && past.length === 0 && <p>{t('labs.myCalendar.noPast')}</p>}
        {days(past)}
      </section>
    </>
  );
}
