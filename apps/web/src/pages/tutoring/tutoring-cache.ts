import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Page, TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { tutoringKeys } from './tutoring-api';

/** Places still free (never below zero, whatever a stale copy says). */
export function placesLeft(slot: Pick<TutoringSlotView, 'capacity' | 'bookedCount'>): number {
  return Math.max(0, slot.capacity - slot.bookedCount);
}

/**
 * A slot from a realtime event (or a booking's copy) over the copy the asker loaded: events carry
 * `viewer: null` (everyone receives the same), so the asker's own state is kept. Whether they may
 * book follows the new counts: a slot that was only full becomes bookable when a place frees up,
 * and one that filled up, was cancelled or started stops being bookable.
 */
export function mergeSlot(
  old: TutoringSlotView,
  incoming: TutoringSlotView,
  now = Date.now(),
): TutoringSlotView {
  if (incoming.viewer || !old.viewer) return incoming;
  const viewer = old.viewer;
  const wasOnlyFull =
    !viewer.canBook &&
    !viewer.canManage &&
    viewer.bookingId === null &&
    old.status === 'open' &&
    placesLeft(old) === 0 &&
    Date.parse(old.startsAt) > now;
  const open = incoming.status === 'open' && Date.parse(incoming.startsAt) > now && placesLeft(incoming) > 0;
  return { ...incoming, viewer: { ...viewer, canBook: open && (viewer.canBook || wasOnlyFull) } };
}

/** Replaces the slot with the same id in a paginated list; a list without it is returned as is. */
export function foldSlotIntoPages(
  data: InfiniteData<Page<TutoringSlotView>> | undefined,
  slot: TutoringSlotView,
): InfiniteData<Page<TutoringSlotView>> | undefined {
  if (!data || !data.pages.some((page) => page.items.some((s) => s.id === slot.id))) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((s) => (s.id === slot.id ? mergeSlot(s, slot) : s)),
    })),
  };
}

/** A slot's active bookings after a booking event: a new one is added (in booking order), a cancelled one leaves. */
export function foldBookingIntoList(
  list: readonly TutoringBookingView[] | undefined,
  booking: TutoringBookingView,
): TutoringBookingView[] {
  const others = (list ?? []).filter((b) => b.id !== booking.id);
  if (booking.status !== 'booked') return others;
  return [...others, booking].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** Folds a changed slot into every cached list and its own page. */
export function foldSlot(client: QueryClient, slot: TutoringSlotView): void {
  client.setQueriesData<InfiniteData<Page<TutoringSlotView>>>({ queryKey: tutoringKeys.slots }, (old) =>
    foldSlotIntoPages(old, slot),
  );
  client.setQueryData<TutoringSlotView>(tutoringKeys.slot(slot.id), (old) =>
    old ? mergeSlot(old, slot) : old,
  );
}

/**
 * A booking made or cancelled (the asker's own, or one of their slot's): the slot's counts move,
 * the tutor's list of who booked follows, and the booker's own views are read again.
 */
export function foldBooking(client: QueryClient, booking: TutoringBookingView, viewerId: string): void {
  foldSlot(client, booking.slot);
  if (booking.slot.tutor.id === viewerId) {
    client.setQueryData<TutoringBookingView[]>(tutoringKeys.slotBookings(booking.slotId), (old) =>
      foldBookingIntoList(old, booking),
    );
  }
  if (booking.member.id === viewerId) {
    // Which list a booking belongs to (upcoming, past) and whether the member may book the slot
    // again are the server's calls: those views are read again.
    void client.invalidateQueries({ queryKey: tutoringKeys.myBookings });
    void client.invalidateQueries({ queryKey: tutoringKeys.slots });
    void client.invalidateQueries({ queryKey: tutoringKeys.slot(booking.slotId) });
  }
}
