import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roomName } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useAuth } from '../../auth/auth-context';
import { useFormatters } from '../../i18n/format';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { sessionFormatters } from '../labs/lab-time';
import { MemberName } from '../live/MemberName';
import { BookForm } from './BookForm';
import { ConfirmAction } from './ConfirmAction';
import { SlotBookings } from './SlotBookings';
import { SlotMeeting } from './SlotMeeting';
import { SlotMeetingRoom } from './SlotMeetingRoom';
import { TutoringLiveRooms } from './TutoringLive';
import { cancelBooking, fetchSlot, tutoringKeys } from './tutoring-api';
import { foldSlot, placesLeft } from './tutoring-cache';
import { tutoringProblem } from './tutoring-problems';
import { Breadcrumb } from '../../components/Breadcrumb';

/** The slot's own room: its changes reach its tutor and bookers here (others are refused it). */
function SlotRoom({ slotId }: { slotId: string }) {
  const client = useQueryClient();
  useRoomEvents(
    roomName('tutoring_slot', slotId),
    (event) => {
      if (isEventOfType(event, 'tutoring.slot_updated')) foldSlot(client, event.data);
    },
    { onResync: () => void client.invalidateQueries({ queryKey: tutoringKeys.slot(slotId) }) },
  );
  return null;
}

/**
 * `/tutoraggio/slot/:id`: one slot — when, with whom, how to meet (the link, the place, or this
 * page for a meeting held in Convergo), places left; book it, cancel one's booking; its tutor
 * sees who booked and why.
 */
export function SlotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const { member } = useAuth();
  const client = useQueryClient();
  const [booking, setBooking] = useState(false);
  const slot = useQuery({ queryKey: tutoringKeys.slot(id), queryFn: ({ signal }) => fetchSlot(id, signal) });
  const data = slot.data;
  usePageTitle(
    data ? `${t('tutoring.slotPage.title')}: ${when.day(data.startsAt)}` : t('tutoring.slotPage.title'),
  );
  const cancel = useMutation({
    mutationFn: () => cancelBooking(data?.viewer?.bookingId ?? ''),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['tutoring'] });
    },
  });

  if (slot.isPending) return <Loading />;
  if (slot.isError) {
    return (
      <>
        <h1 className="mb-3">{t('tutoring.slotPage.title')}</h1>
        <ProblemAlert
          error={tutoringProblem(toApiError(slot.error), t)}
          onRetry={() => void slot.refetch()}
        />
        <Link to="/tutoraggio">{t('tutoring.slotPage.back')}</Link>
      </>
    );
  }
  const s = slot.data;
  const viewer = s.viewer;
  const insider = viewer?.bookingId || viewer?.canManage;
  const left = placesLeft(s);
  return (
    <>
      {member && <TutoringLiveRooms memberId={member.id} labIds={[]} />}
      {insider && <SlotRoom slotId={s.id} />}
      <Breadcrumb
        label={t('tutoring.slotPage.breadcrumb')}
        links={[{ to: '/tutoraggio', label: t('tutoring.title') }]}
        current={t('tutoring.slotPage.title')}
        className=""
      />
      <h1 className="mb-3">
        <span className="text-capitalize">{when.day(s.startsAt)}</span>,{' '}
        <time dateTime={s.startsAt}>{when.range(s.startsAt, s.endsAt)}</time>
      </h1>
      {s.status === 'cancelled' && (
        <div className="alert alert-warning">
          {t('tutoring.slotPage.cancelled')}
          {s.cancelReason && <> — {s.cancelReason}</>}
        </div>
      )}
      <dl className="row">
        <dt className="col-sm-3">{t('tutoring.slot.tutor')}</dt>
        <dd className="col-sm-9">
          <MemberName member={s.tutor} />
        </dd>
        <dt className="col-sm-3">{t('tutoring.slot.lab')}</dt>
        <dd className="col-sm-9">
          {s.lab ? <Link to={`/laboratori/${s.lab.id}`}>{s.lab.title}</Link> : t('tutoring.slot.noLab')}
        </dd>
        <dt className="col-sm-3">{t('tutoring.slot.meeting')}</dt>
        <dd className="col-sm-9">
          {s.meeting === 'convergo' ? (
            t('tutoring.meeting.convergo')
          ) : (
            <SlotMeeting slot={s} showLink={Boolean(insider)} />
          )}
        </dd>
        {s.status === 'open' && (
          <>
            <dt className="col-sm-3">{t('tutoring.slot.places')}</dt>
            <dd className="col-sm-9" aria-live="polite">
              {left === 0
                ? t('tutoring.slot.full', { capacity: s.capacity })
                : t('tutoring.slot.placesLeft', { count: left, capacity: s.capacity })}
            </dd>
          </>
        )}
        {s.note && (
          <>
            <dt className="col-sm-3">{t('tutoring.slot.note')}</dt>
            <dd className="col-sm-9">{s.note}</dd>
          </>
        )}
      </dl>
      {viewer?.bookingId && (
        <section aria-labelledby="my-booking-heading" className="mb-4">
          <h2 id="my-booking-heading" className="h4">
            {t('tutoring.slotPage.yourBooking')}
          </h2>
          <p>{t('tutoring.slotPage.booked')}</p>
          {Date.parse(s.startsAt) > Date.now() && (
            <ConfirmAction
              label={t('tutoring.mine.cancel')}
              question={t('tutoring.mine.cancelQuestion')}
              confirmLabel={t('tutoring.mine.cancelConfirm')}
              busy={cancel.isPending}
              onConfirm={() => cancel.mutateAsync()}
            />
          )}
          {cancel.isError && <ProblemAlert error={tutoringProblem(toApiError(cancel.error), t)} />}
        </section>
      )}
      {viewer?.canBook && (
        <section aria-labelledby="book-heading" className="mb-4">
          <h2 id="book-heading" className="h4">
            {t('tutoring.book.open')}
          </h2>
          {booking ? (
            <BookForm slot={s} onBooked={() => setBooking(false)} onCancel={() => setBooking(false)} />
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => setBooking(true)}>
              {t('tutoring.book.open')}
            </button>
          )}
        </section>
      )}
      {viewer?.canManage && s.status === 'open' && (
        <section aria-labelledby="slot-manage-heading" className="mb-4">
          <h2 id="slot-manage-heading" className="h4">
            {t('tutoring.slotPage.manage')}
          </h2>
          <SlotBookings slot={s} />
          <p className="mt-3">
            <Link to="/tutoraggio/gestione">{t('tutoring.slotPage.toManage')}</Link>
          </p>
        </section>
      )}
      {s.meeting === 'convergo' && (
        <section aria-labelledby="room-heading" className="mb-4">
          <h2 id="room-heading" className="h4">
            {t('tutoring.room.title')}
          </h2>
          {s.status !== 'open' ? (
            <p>{t('tutoring.room.closed')}</p>
          ) : insider ? (
            <SlotMeetingRoom slot={s} />
          ) : (
            <p className="alert alert-info">
              {t(viewer?.canBook ? 'tutoring.room.bookToEnter' : 'tutoring.room.outsider')}
            </p>
          )}
        </section>
      )}
    </>
  );
}
