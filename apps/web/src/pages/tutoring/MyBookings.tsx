import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TutoringBookingsWhen, TutoringBookingView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { ConfirmAction } from './ConfirmAction';
import { SlotSummary } from './SlotSummary';
import { cancelBooking, fetchMyBookings, tutoringKeys } from './tutoring-api';
import { tutoringProblem } from './tutoring-problems';

function BookingItem({ booking, index }: { booking: TutoringBookingView; index: number }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelBooking(booking.id),
    // The booking's copy of the slot is as old as the booking: the lists are read again instead.
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tutoring'] }),
  });
  const active = booking.status === 'booked';
  const upcoming = active && Date.parse(booking.slot.startsAt) > Date.now();
  return (
    <li data-result-index={index} tabIndex={-1} data-booking-id={booking.id}>
      <SlotSummary slot={booking.slot} showMeetingLink={active}>
        {booking.topic && (
          <p className="small mb-2">
            <span className="fw-semibold">{t('tutoring.mine.topic')}</span> {booking.topic}
          </p>
        )}
        {!active && (
          <p className="small mb-2">
            <span className="badge bg-secondary me-2">{t('tutoring.mine.cancelled')}</span>
            {booking.cancelledBy === 'tutor'
              ? t('tutoring.mine.cancelledByTutor', { when: dateTime(booking.cancelledAt) })
              : t('tutoring.mine.cancelledByMe', { when: dateTime(booking.cancelledAt) })}
            {booking.cancelReason && <> — {booking.cancelReason}</>}
          </p>
        )}
        {upcoming && (
          <ConfirmAction
            label={t('tutoring.mine.cancel')}
            question={t('tutoring.mine.cancelQuestion')}
            confirmLabel={t('tutoring.mine.cancelConfirm')}
            busy={cancel.isPending}
            onConfirm={() => cancel.mutateAsync()}
          />
        )}
        {cancel.isError && <ProblemAlert error={tutoringProblem(toApiError(cancel.error), t)} />}
      </SlotSummary>
    </li>
  );
}

function BookingList({ when }: { when: TutoringBookingsWhen }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const query = useInfiniteQuery({
    queryKey: tutoringKeys.myBookingsWhen(when),
    queryFn: ({ pageParam, signal }) => fetchMyBookings(when, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <ListStatus query={query} count={items.length} empty={t(`tutoring.mine.none.${when}`)} />
      <ul ref={listRef} className="list-unstyled" data-testid={`my-bookings-${when}`}>
        {items.map((booking, index) => (
          <BookingItem key={booking.id} booking={booking} index={index} />
        ))}
      </ul>
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}

/** "Le mie prenotazioni": upcoming ones (with the meeting link and cancel) or past and cancelled ones. */
export function MyBookings() {
  const { t } = useTranslation();
  const [when, setWhen] = useState<TutoringBookingsWhen>('upcoming');
  return (
    <section aria-labelledby="my-bookings-heading" className="mb-5" id="prenotazioni">
      <h2 id="my-bookings-heading" className="h3">
        {t('tutoring.mine.title')}
      </h2>
      <div className="btn-group mb-3" role="group" aria-label={t('tutoring.mine.whichLabel')}>
        {(['upcoming', 'past'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={`btn btn-sm ${when === value ? 'btn-primary' : 'btn-outline-primary'}`}
            aria-pressed={when === value}
            onClick={() => setWhen(value)}
          >
            {t(`tutoring.mine.${value}`)}
          </button>
        ))}
      </div>
      <BookingList key={when} when={when} />
    </section>
  );
}
