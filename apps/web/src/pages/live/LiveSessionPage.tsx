import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { EventEnvelope, RaisedHand, SessionStatus } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { isEventOfType, useRealtimeStatus } from '../../realtime/useRoomEvents';
import { SessionStatusBadge } from '../labs/LabBadges';
import { LabBreadcrumb } from '../labs/LabBreadcrumb';
import { fetchLab, fetchSession, labKeys, updateSession } from '../labs/labs-api';
import { CheckInCodePanel } from './CheckInCodePanel';
import { LiveAgenda } from './LiveAgenda';
import { LiveChat } from './LiveChat';
import { LiveHands } from './LiveHands';
import { LivePanel } from './LivePanel';
import { LivePolls } from './LivePolls';
import { LivePresence } from './LivePresence';
import { LiveTimer } from './LiveTimer';
import { useLiveRoom } from './useLiveRoom';

const LiveNotes = lazy(() => import('./LiveNotes'));

/** What a stored event of the room says in the page's live region. */
function announce(event: EventEnvelope, t: TFunction): string | null {
  if (isEventOfType(event, 'session.agenda_step'))
    return t('live.agenda.announce', { title: event.data.item.title });
  if (isEventOfType(event, 'poll.created'))
    return t('live.polls.announce', { question: event.data.question });
  if (isEventOfType(event, 'session.updated'))
    return t('live.room.statusAnnounce', { status: t(`labs.sessions.statuses.${event.data.status}`) });
  return null;
}

/** Hands raised since the previous list (the queue comes whole with every change). */
function newlyRaised(before: RaisedHand[], after: RaisedHand[]): RaisedHand[] {
  const known = new Set(before.map((hand) => hand.member.id));
  return after.filter((hand) => !known.has(hand.member.id));
}

/**
 * `/sessioni/:id/live`: the live room of a session — who is present, the agenda step, raised
 * hands, the countdown, the chat, quick polls, the shared notes and, for whoever leads, the
 * in-presence check-in code and the session's start and end.
 */
export function LiveSessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { member } = useAuth();
  const connection = useRealtimeStatus();
  const [announcement, setAnnouncement] = useState('');
  const live = useLiveRoom(id, (event) => {
    const message = announce(event, t);
    if (message) setAnnouncement(message);
  });
  const { room, dispatch } = live;
  const session = useQuery({
    queryKey: labKeys.session(id),
    queryFn: ({ signal }) => fetchSession(id, signal),
  });
  const view = room?.session ?? session.data;
  const lab = useQuery({
    queryKey: labKeys.lab(view?.labId ?? ''),
    queryFn: ({ signal }) => fetchLab(view?.labId ?? '', signal),
    enabled: !!view,
  });
  usePageTitle(view ? t('live.room.pageTitle', { title: view.title }) : t('live.room.title'));

  const myId = member?.id ?? null;
  const previousHands = useRef<RaisedHand[] | null>(null);
  useEffect(() => {
    if (!room) return;
    const before = previousHands.current;
    previousHands.current = room.hands;
    if (!before) return;
    const raised = newlyRaised(before, room.hands).filter((hand) => hand.member.id !== myId);
    if (raised.length > 0)
      setAnnouncement(
        t('live.hands.announce', { names: raised.map((h) => h.member.displayName).join(', ') }),
      );
  }, [room, myId, t]);

  const changeStatus = useMutation({
    mutationFn: (status: SessionStatus) => updateSession(id, { status }),
    onSuccess: (updated) => dispatch({ type: 'session', session: updated }),
  });

  if (!room) {
    if (live.problem) {
      return (
        <>
          {view && <LabBreadcrumb labId={view.labId} labTitle={lab.data?.title} section="calendario" />}
          <h1>{view?.title ?? t('live.room.title')}</h1>
          <div className="alert alert-warning" role="alert">
            <p className="mb-2">{t(`live.problems.${live.problem}`)}</p>
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={live.rejoin}>
              {t('common.retry')}
            </button>
          </div>
          {view && (
            <Link to={`/laboratori/${view.labId}/sessioni/${view.id}`}>{t('live.room.sessionPage')}</Link>
          )}
        </>
      );
    }
    if (session.isError && toApiError(session.error).status !== 0)
      return <ProblemAlert error={toApiError(session.error)} onRetry={() => void session.refetch()} />;
    return <Loading label={t('live.room.joining')} />;
  }

  const current = room.session;
  const canLead = room.myRole === 'tutor' || member?.role === 'admin';
  const isParticipant = room.myRole === 'participant';
  const inPresence = current.mode !== 'online';
  const running = current.status === 'live';

  return (
    <>
      <LabBreadcrumb labId={current.labId} labTitle={lab.data?.title} section="calendario" />
      <h1 className="mb-2">{current.title}</h1>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        <SessionStatusBadge status={current.status} />
        <span className="badge bg-light text-dark border">
          {t('live.room.myRole', { role: t(`live.roles.${room.myRole}`) })}
        </span>
        <span
          className={`small ${connection === 'connected' ? 'text-success' : 'text-danger'}`}
          role="status"
        >
          {t(`live.connection.${connection}`)}
        </span>
      </div>
      {live.problem && (
        <div className="alert alert-warning" role="alert">
          {t(`live.problems.${live.problem}`)}
        </div>
      )}
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="live-announcement">
        {announcement}
      </p>
      <nav aria-label={t('live.room.links')} className="d-flex flex-wrap gap-3 mb-3">
        <Link to={`/laboratori/${current.labId}/sessioni/${current.id}`}>{t('live.room.sessionPage')}</Link>
        {canLead && <Link to={`/sessioni/${current.id}/presenze`}>{t('live.room.register')}</Link>}
        {isParticipant && inPresence && (
          <Link to={`/sessioni/${current.id}/check-in`}>{t('live.room.checkIn')}</Link>
        )}
      </nav>
      {canLead && (
        <div className="d-flex flex-wrap gap-2 mb-4">
          {current.status === 'scheduled' && (
            <button
              type="button"
              className="btn btn-success"
              aria-disabled={changeStatus.isPending}
              onClick={() => !changeStatus.isPending && changeStatus.mutate('live')}
            >
              {t('live.room.start')}
            </button>
          )}
          {running && (
            <button
              type="button"
              className="btn btn-outline-danger"
              aria-disabled={changeStatus.isPending}
              onClick={() => !changeStatus.isPending && changeStatus.mutate('ended')}
            >
              {t('live.room.end')}
            </button>
          )}
        </div>
      )}
      {changeStatus.isError && <ProblemAlert error={toApiError(changeStatus.error)} />}
      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <LiveAgenda
            sessionId={current.id}
            agenda={current.agenda}
            currentStep={room.currentStep}
            canLead={canLead}
            onPushed={(updated) => dispatch({ type: 'session', session: updated })}
          />
          <LiveTimer
            sessionId={current.id}
            endsAt={room.timerEndsAt}
            canLead={canLead}
            onSet={(event) => dispatch({ type: 'timer', endsAt: event.endsAt })}
          />
          <LivePolls
            sessionId={current.id}
            polls={room.polls}
            myVotes={room.myVotes}
            canVote={isParticipant}
            canLead={canLead}
            onChanged={(poll) => dispatch({ type: 'poll', poll })}
            onVoted={(pollId, option) => dispatch({ type: 'voted', pollId, option })}
          />
        </div>
        <div className="col-12 col-lg-4">
          {canLead && inPresence && current.status !== 'ended' && current.status !== 'cancelled' && (
            <CheckInCodePanel sessionId={current.id} />
          )}
          <LivePresence present={room.present} myId={myId} />
          <LiveHands
            hands={room.hands}
            myId={myId}
            canLead={canLead}
            canRaise={isParticipant}
            setHand={live.setHand}
          />
          <LiveChat sessionId={current.id} canWrite />
        </div>
      </div>
      {/* Full width under both columns: room to write, and on a phone after the hands and the chat. */}
      <LivePanel id="live-notes" title={t('live.notes.title')}>
        {current.notesDocumentId ? (
          <Suspense fallback={<Loading label={t('live.notes.loading')} />}>
            <LiveNotes docId={current.notesDocumentId} />
          </Suspense>
        ) : (
          <p className="mb-0">{t('live.notes.none')}</p>
        )}
      </LivePanel>
    </>
  );
}
