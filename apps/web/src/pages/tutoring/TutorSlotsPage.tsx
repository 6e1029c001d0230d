import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { TUTORING_LIMITS, type TutoringSlotView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ListStatus } from '../../components/ListStatus';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { romeDayKey, sessionFormatters } from '../labs/lab-time';
import { ConfirmAction } from './ConfirmAction';
import { SlotBookings } from './SlotBookings';
import { SlotForm, type SlotFormMode } from './SlotForm';
import { SlotSummary } from './SlotSummary';
import { TutoringLiveRooms } from './TutoringLive';
import { TutoringNav } from './TutoringNav';
import {
  addSeriesException,
  cancelSeries,
  cancelSlot,
  fetchSlots,
  SLOT_PAGE_SIZE,
  tutoringKeys,
} from './tutoring-api';
import { foldSlot } from './tutoring-cache';
import { tutoringProblem } from './tutoring-problems';
import { useTutoringContext } from './useTutoringContext';

/** A slot of the tutor: its bookings, edit, cancel; for a series' slot, skip its date or end the series. */
function OwnSlot({
  slot,
  index,
  labs,
  allowNoLab,
}: {
  slot: TutoringSlotView;
  index: number;
  labs: readonly { id: string; title: string }[];
  allowNoLab: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: tutoringKeys.slots });
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelSlot(slot.id, { reason: reason || null }),
    onSuccess: (saved) => {
      foldSlot(client, saved);
      setMessage(t('tutoring.manage.slotCancelled'));
    },
  });
  const skip = useMutation({
    mutationFn: (reason: string) =>
      addSeriesException(slot.seriesId ?? '', { date: romeDayKey(slot.startsAt), reason: reason || null }),
    onSuccess: () => {
      refresh();
      setMessage(t('tutoring.manage.dateSkipped'));
    },
  });
  const endSeries = useMutation({
    mutationFn: (reason: string) => cancelSeries(slot.seriesId ?? '', { reason: reason || null }),
    onSuccess: () => {
      refresh();
      setMessage(t('tutoring.manage.seriesCancelled'));
    },
  });
  const error = cancel.error ?? skip.error ?? endSeries.error;
  const open = slot.status === 'open';
  const day = when.day(slot.startsAt);
  return (
    <li data-result-index={index} tabIndex={-1}>
      <SlotSummary slot={slot} showMeetingLink>
        {slot.seriesId && <p className="small mb-2">{t('tutoring.manage.partOfSeries')}</p>}
        {open && <SlotBookings slot={slot} />}
        <p role="status" className="small mb-1">
          {message}
        </p>
        {error && <ProblemAlert error={tutoringProblem(toApiError(error), t)} />}
        {open && (
          <div className="d-flex flex-wrap gap-2 mt-2">
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              aria-expanded={editing}
              onClick={() => setEditing((v) => !v)}
            >
              {t('tutoring.manage.edit')}
            </button>
            <ConfirmAction
              label={t('tutoring.manage.cancelSlot')}
              question={t('tutoring.manage.cancelSlotQuestion', { day, count: slot.bookedCount })}
              confirmLabel={t('tutoring.manage.cancelSlotConfirm')}
              reasonLabel={t('tutoring.manage.reason')}
              reasonMaxLength={TUTORING_LIMITS.reason}
              busy={cancel.isPending}
              onConfirm={(reason) => cancel.mutateAsync(reason)}
            />
            {slot.seriesId && (
              <>
                <ConfirmAction
                  label={t('tutoring.manage.skipDate')}
                  question={t('tutoring.manage.skipDateQuestion', { day })}
                  confirmLabel={t('tutoring.manage.skipDateConfirm')}
                  reasonLabel={t('tutoring.manage.reason')}
                  reasonMaxLength={TUTORING_LIMITS.reason}
                  busy={skip.isPending}
                  onConfirm={(reason) => skip.mutateAsync(reason)}
                />
                <ConfirmAction
                  label={t('tutoring.manage.endSeries')}
                  question={t('tutoring.manage.endSeriesQuestion')}
                  confirmLabel={t('tutoring.manage.endSeriesConfirm')}
                  reasonLabel={t('tutoring.manage.reason')}
                  reasonMaxLength={TUTORING_LIMITS.reason}
                  busy={endSeries.isPending}
                  onConfirm={(reason) => endSeries.mutateAsync(reason)}
                />
              </>
            )}
          </div>
        )}
        {editing && open && (
          <div className="mt-3">
            <SlotForm
              mode="edit"
              slot={slot}
              labs={labs}
              allowNoLab={allowNoLab}
              onDone={(done) => {
                setEditing(false);
                setMessage(done);
              }}
            />
          </div>
        )}
      </SlotSummary>
    </li>
  );
}

/**
 * `/tutoraggio/gestione`: a tutor publishes slots and weekly series, sees who booked each slot
 * and why (live), edits and cancels slots, bookings, series or one date of a series.
 */
export function TutorSlotsPage() {
  const { t } = useTranslation();
  usePageTitle(t('tutoring.manage.title'));
  const { member, labs, labsLoaded, isTutor } = useTutoringContext();
  const [mode, setMode] = useState<Exclude<SlotFormMode, 'edit'>>('slot');
  const [published, setPublished] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const listRef = useRef<HTMLUListElement>(null);
  const memberId = member?.id ?? '';
  const tutored = labs.filter((lab) => lab.myRole === 'tutor' || member?.role === 'admin');
  const allowNoLab = member?.role === 'tutor' || member?.role === 'admin';
  const slots = useInfiniteQuery({
    queryKey: tutoringKeys.mine(memberId),
    queryFn: ({ pageParam, signal }) =>
      fetchSlots({ tutorId: memberId, limit: SLOT_PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(memberId),
  });
  const items = slots.data?.pages.flatMap((page) => page.items) ?? [];

  if (member && labsLoaded && !isTutor) {
    return (
      <>
        <h1 className="mb-3">{t('tutoring.manage.title')}</h1>
        <TutoringNav isTutor={false} />
        <p>
          {t('tutoring.manage.notTutor')} <Link to="/tutoraggio">{t('tutoring.manage.toBooking')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      {member && (
        <TutoringLiveRooms
          memberId={member.id}
          labIds={labs.map((lab) => lab.id)}
          onBookingOfMine={(booking) =>
            setAnnouncement(
              t(booking.status === 'booked' ? 'tutoring.manage.newBooking' : 'tutoring.manage.goneBooking', {
                name: booking.member.displayName,
                day: `${when.day(booking.slot.startsAt)}, ${when.range(booking.slot.startsAt, booking.slot.endsAt)}`,
              }),
            )
          }
        />
      )}
      <h1 className="mb-3">{t('tutoring.manage.title')}</h1>
      <p className="lead">{t('tutoring.manage.intro')}</p>
      <p role="status" className="visually-hidden" data-testid="booking-announcement">
        {announcement}
      </p>
      <TutoringNav isTutor />
      <section aria-labelledby="publish-heading" className="card card-bg mb-5">
        <div className="card-body">
          <h2 id="publish-heading" className="h4 card-title">
            {t('tutoring.manage.publish')}
          </h2>
          <div className="btn-group mb-3" role="group" aria-label={t('tutoring.manage.whatLabel')}>
            {(['slot', 'series'] as const).map((value) => (
              <button
                key={value}
                type="button"
                className={`btn btn-sm ${mode === value ? 'btn-primary' : 'btn-outline-primary'}`}
                aria-pressed={mode === value}
                onClick={() => setMode(value)}
              >
                {t(`tutoring.manage.mode.${value}`)}
              </button>
            ))}
          </div>
          <div role="status">{published && <p className="alert alert-success py-2">{published}</p>}</div>
          {labsLoaded ? (
            <SlotForm key={mode} mode={mode} labs={tutored} allowNoLab={allowNoLab} onDone={setPublished} />
          ) : (
            <Loading />
          )}
        </div>
      </section>
      <section aria-labelledby="own-slots-heading" className="mb-5">
        <h2 id="own-slots-heading" className="h3">
          {t('tutoring.manage.mine')}
        </h2>
        <ListStatus query={slots} count={items.length} empty={t('tutoring.manage.none')} />
        <ul ref={listRef} className="list-unstyled" data-testid="own-slots">
          {items.map((slot, index) => (
            <OwnSlot key={slot.id} slot={slot} index={index} labs={tutored} allowNoLab={allowNoLab} />
          ))}
        </ul>
        <LoadMore
          listRef={listRef}
          count={items.length}
          hasMore={slots.hasNextPage}
          loading={slots.isFetchingNextPage}
          onLoadMore={() => void slots.fetchNextPage()}
        />
      </section>
    </>
  );
}
