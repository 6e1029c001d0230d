import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { CheckboxField, SelectField, TextField } from '../../components/form';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { usePageTitle } from '../../components/usePageTitle';
import { BookForm } from './BookForm';
import { MyBookings } from './MyBookings';
import { SlotSummary } from './SlotSummary';
import { TutoringLiveRooms } from './TutoringLive';
import { TutoringNav } from './TutoringNav';
import { fetchSlots, fetchTutors, SLOT_PAGE_SIZE, tutoringKeys, type SlotFilters } from './tutoring-api';
import { romeDayRange } from './tutoring-time';
import { useTutoringContext } from './useTutoringContext';

const NO_FILTERS: SlotFilters = { tutorId: '', labId: '', from: '', to: '', available: false };

/** One found slot: its facts, and "Prenota" (the topic form) or what the member already is to it. */
function FoundSlot({ slot, index }: { slot: TutoringSlotView; index: number }) {
  const { t } = useTranslation();
  const [booking, setBooking] = useState(false);
  const [booked, setBooked] = useState<TutoringBookingView | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const viewer = slot.viewer;
  return (
    <li data-result-index={index} tabIndex={-1}>
      <SlotSummary slot={slot} showMeetingLink={Boolean(viewer?.bookingId || viewer?.canManage)}>
        <div role="status">
          {booked && (
            <p className="alert alert-success py-2 mb-2">
              {t('tutoring.book.done')} <a href="#prenotazioni">{t('tutoring.book.seeMine')}</a>
            </p>
          )}
        </div>
        {viewer?.bookingId && !booked && (
          <p className="mb-0">
            <span className="badge bg-success">{t('tutoring.book.already')}</span>
          </p>
        )}
        {viewer?.canManage && (
          <p className="mb-0 small">
            <Link to="/tutoraggio/gestione">{t('tutoring.book.yours')}</Link>
          </p>
        )}
        {viewer?.canBook && !booking && (
          <button
            ref={opener}
            type="button"
            className="btn btn-primary btn-sm"
            aria-label={t('tutoring.book.openFor', { tutor: slot.tutor.displayName })}
            onClick={() => setBooking(true)}
          >
            {t('tutoring.book.open')}
          </button>
        )}
        {booking && (
          <BookForm
            slot={slot}
            onBooked={(made) => {
              setBooked(made);
              setBooking(false);
            }}
            onCancel={() => {
              setBooking(false);
              requestAnimationFrame(() => opener.current?.focus());
            }}
          />
        )}
      </SlotSummary>
    </li>
  );
}

function SlotSearch({ labs }: { labs: readonly { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SlotFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<SlotFilters>(NO_FILTERS);
  const listRef = useRef<HTMLUListElement>(null);
  const tutors = useQuery({ queryKey: tutoringKeys.tutors, queryFn: ({ signal }) => fetchTutors(signal) });
  const slots = useInfiniteQuery({
    queryKey: tutoringKeys.search(filters),
    queryFn: ({ pageParam, signal }) =>
      fetchSlots(
        {
          tutorId: filters.tutorId || undefined,
          labId: filters.labId || undefined,
          ...romeDayRange(filters.from, filters.to),
          available: filters.available,
          limit: SLOT_PAGE_SIZE,
          cursor: pageParam ?? undefined,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = slots.data?.pages.flatMap((page) => page.items) ?? [];
  const set =
    <K extends keyof SlotFilters>(key: K) =>
    (value: SlotFilters[K]) =>
      setDraft((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  return (
    <section aria-labelledby="find-heading" className="mb-5">
      <h2 id="find-heading" className="h3">
        {t('tutoring.find.title')}
      </h2>
      <form onSubmit={submit} className="card card-bg p-3 mb-4" aria-label={t('tutoring.find.formLabel')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id="find-tutor"
              label={t('tutoring.find.tutor')}
              value={draft.tutorId}
              onValueChange={set('tutorId')}
              emptyLabel={t('tutoring.find.anyTutor')}
              options={(tutors.data ?? []).map((row) => ({
                value: row.tutor.id,
                label: t('tutoring.find.tutorOption', { name: row.tutor.displayName, count: row.openSlots }),
              }))}
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id="find-lab"
              label={t('tutoring.find.lab')}
              value={draft.labId}
              onValueChange={set('labId')}
              emptyLabel={t('tutoring.find.anyLab')}
              options={labs.map((lab) => ({ value: lab.id, label: lab.title }))}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="find-from"
              type="date"
              label={t('tutoring.find.from')}
              value={draft.from}
              onValueChange={set('from')}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="find-to"
              type="date"
              label={t('tutoring.find.to')}
              value={draft.to}
              min={draft.from || undefined}
              onValueChange={set('to')}
            />
          </div>
        </div>
        <CheckboxField
          id="find-available"
          label={t('tutoring.find.available')}
          checked={draft.available}
          onCheckedChange={set('available')}
        />
        <div className="mt-3">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ListStatus query={slots} count={items.length} empty={t('tutoring.find.none')} />
      <ul ref={listRef} className="list-unstyled" data-testid="found-slots">
        {items.map((slot, index) => (
          <FoundSlot key={slot.id} slot={slot} index={index} />
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
  );
}

/**
 * `/tutoraggio`: an official finds a slot by tutor, lab and days (Rome time), books it with a
 * topic, and follows their bookings; places left and bookings change live.
 */
export function TutoringPage() {
  const { t } = useTranslation();
  usePageTitle(t('tutoring.title'));
  const { member, labs, isTutor } = useTutoringContext();
  return (
    <>
      {member && <TutoringLiveRooms memberId={member.id} labIds={labs.map((lab) => lab.id)} />}
      <h1 className="mb-3">{t('tutoring.title')}</h1>
      <p className="lead">{t('tutoring.intro')}</p>
      <TutoringNav isTutor={isTutor} />
      <SlotSearch labs={labs} />
      <MyBookings />
      <section aria-labelledby="feed-heading" className="mb-5">
        <h2 id="feed-heading" className="h4">
          {t('tutoring.feed.title')}
        </h2>
        <p>
          {t('tutoring.feed.intro')} <Link to="/calendario#collega">{t('tutoring.feed.link')}</Link>
        </p>
      </section>
    </>
  );
}
