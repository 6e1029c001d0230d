import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TUTORING_LIMITS, type TutoringBookingView, type TutoringSlotView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Loading';
import { useAuth } from '../../auth/auth-context';
import { useFormatters } from '../../i18n/format';
import { MemberName } from '../live/MemberName';
import { ConfirmAction } from './ConfirmAction';
import { cancelBooking, fetchSlotBookings, tutoringKeys } from './tutoring-api';
import { foldBooking } from './tutoring-cache';
import { tutoringProblem } from './tutoring-problems';

function BookingRow({ booking, slot }: { booking: TutoringBookingView; slot: TutoringSlotView }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const { dateTime } = useFormatters();
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelBooking(booking.id, reason || undefined),
    onSuccess: () => {
      if (member)
        foldBooking(
          client,
          {
            ...booking,
            slot: { ...slot, bookedCount: Math.max(0, slot.bookedCount - 1) },
            status: 'cancelled',
          },
          member.id,
        );
    },
  });
  return (
    <li className="py-2 border-bottom" data-booking-id={booking.id}>
      <p className="mb-1">
        <MemberName member={booking.member} />{' '}
        <span className="small text-muted">
          {t('tutoring.bookings.bookedAt', { when: dateTime(booking.createdAt) })}
        </span>
      </p>
      <p className="mb-1 small">
        <span className="fw-semibold">{t('tutoring.bookings.topic')}</span>{' '}
        {booking.topic ?? <em>{t('tutoring.bookings.noTopic')}</em>}
      </p>
      <ConfirmAction
        label={t('tutoring.bookings.cancel')}
        question={t('tutoring.bookings.cancelQuestion', { name: booking.member.displayName })}
        confirmLabel={t('tutoring.bookings.cancelConfirm')}
        reasonLabel={t('tutoring.bookings.reason')}
        reasonMaxLength={TUTORING_LIMITS.reason}
        busy={cancel.isPending}
        onConfirm={(reason) => cancel.mutateAsync(reason)}
      />
      {cancel.isError && <ProblemAlert error={tutoringProblem(toApiError(cancel.error), t)} />}
    </li>
  );
}

/**
 * Who booked the slot and why (its tutor, admins). New bookings arrive live: the tutor's
 * `member:<id>` room carries `tutoring.booking_created`, folded into this same cache (the page
 * announces them once, rather than this list being read out as it loads).
 */
export function SlotBookings({ slot }: { slot: TutoringSlotView }) {
  const { t } = useTranslation();
  const bookings = useQuery({
    queryKey: tutoringKeys.slotBookings(slot.id),
    queryFn: ({ signal }) => fetchSlotBookings(slot.id, signal),
    enabled: slot.bookedCount > 0,
  });
  const items = bookings.data ?? [];
  return (
    <section aria-label={t('tutoring.bookings.title')} className="mt-2">
      <h4 className="h6">{t('tutoring.bookings.title')}</h4>
      {bookings.isLoading && <Loading />}
      {bookings.isError && (
        <ProblemAlert error={toApiError(bookings.error)} onRetry={() => void bookings.refetch()} />
      )}
      <div>
        {items.length === 0 && !bookings.isLoading && (
          <p className="small mb-0">{t('tutoring.bookings.none')}</p>
        )}
        {items.length > 0 && (
          <ul className="list-unstyled mb-0" data-testid="slot-bookings">
            {items.map((booking) => (
              <BookingRow key={booking.id} booking={booking} slot={slot} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
