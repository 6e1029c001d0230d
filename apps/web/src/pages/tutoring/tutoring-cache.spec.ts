import { describe, expect, it } from '@jest/globals';
import type { TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { foldBookingIntoList, foldSlotIntoPages, mergeSlot, placesLeft } from './tutoring-cache';

const NOW = Date.parse('2026-12-04T12:00:00Z');

function slot(over: Partial<TutoringSlotView> = {}): TutoringSlotView {
  return {
    id: 's1',
    tutor: { id: 'tutor', displayName: 'Tommaso Tutor', organizationName: null },
    lab: null,
    seriesId: null,
    startsAt: '2026-12-08T09:00:00.000Z',
    endsAt: '2026-12-08T10:00:00.000Z',
    capacity: 2,
    bookedCount: 0,
    meeting: 'convergo',
    onlineUrl: null,
    place: null,
    note: null,
    status: 'open',
    cancelReason: null,
    icalSequence: 0,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    viewer: null,
    ...over,
  };
}

const viewer = (over: Partial<NonNullable<TutoringSlotView['viewer']>> = {}) => ({
  bookingId: null,
  canManage: false,
  canBook: true,
  ...over,
});

function booking(
  id: string,
  createdAt: string,
  over: Partial<TutoringBookingView> = {},
): TutoringBookingView {
  return {
    id,
    slotId: 's1',
    member: { id: `m-${id}`, displayName: id, organizationName: null },
    topic: null,
    status: 'booked',
    cancelledBy: null,
    cancelReason: null,
    createdAt,
    cancelledAt: null,
    slot: slot(),
    ...over,
  };
}

describe('folding live tutoring events into what the page shows', () => {
  it('keeps the asker’s own state from a realtime copy (viewer null) and follows the counts', () => {
    const mine = slot({ viewer: viewer() });
    const full = mergeSlot(mine, slot({ bookedCount: 2 }), NOW);
    expect(full.bookedCount).toBe(2);
    expect(full.viewer).toEqual(viewer({ canBook: false }));
    // A place frees up: the one who could not book only because it was full may book again.
    expect(mergeSlot(full, slot({ bookedCount: 1 }), NOW).viewer?.canBook).toBe(true);
    // Cancelled: nobody books it.
    expect(mergeSlot(mine, slot({ status: 'cancelled' }), NOW).viewer?.canBook).toBe(false);
  });

  it('never lets a realtime copy make bookable what the asker could not book for other reasons', () => {
    const booked = slot({ bookedCount: 1, viewer: viewer({ bookingId: 'b1', canBook: false }) });
    expect(mergeSlot(booked, slot({ bookedCount: 0 }), NOW).viewer).toEqual(
      viewer({ bookingId: 'b1', canBook: false }),
    );
    const own = slot({ bookedCount: 2, viewer: viewer({ canManage: true, canBook: false }) });
    expect(mergeSlot(own, slot({ bookedCount: 1 }), NOW).viewer?.canBook).toBe(false);
    // Started meanwhile: closed even with places left.
    const started = slot({
      startsAt: '2026-12-04T11:00:00.000Z',
      bookedCount: 2,
      viewer: viewer({ canBook: false }),
    });
    expect(
      mergeSlot(started, slot({ startsAt: started.startsAt, bookedCount: 1 }), NOW).viewer?.canBook,
    ).toBe(false);
  });

  it('takes an answer that carries its own viewer as it is', () => {
    const fresh = slot({ viewer: viewer({ canBook: false, bookingId: 'b9' }) });
    expect(mergeSlot(slot({ viewer: viewer() }), fresh, NOW)).toBe(fresh);
  });

  it('replaces the slot in whichever page holds it and leaves other lists alone', () => {
    const data = {
      pages: [
        { items: [slot({ id: 'a' }), slot({ id: 's1', viewer: viewer() })], nextCursor: 'c' },
        { items: [slot({ id: 'b' })], nextCursor: null },
      ],
      pageParams: [null, 'c'],
    };
    const folded = foldSlotIntoPages(data, slot({ bookedCount: 1 }));
    expect(folded?.pages[0].items[1].bookedCount).toBe(1);
    expect(folded?.pages[0].items[1].viewer?.canBook).toBe(true);
    expect(folded?.pages[1]).toEqual(data.pages[1]);
    const other = { pages: [{ items: [slot({ id: 'z' })], nextCursor: null }], pageParams: [null] };
    expect(foldSlotIntoPages(other, slot())).toBe(other);
    expect(foldSlotIntoPages(undefined, slot())).toBeUndefined();
  });

  it('adds a new booking in booking order, once, and drops a cancelled one', () => {
    const first = booking('b1', '2026-12-04T10:00:00.000Z');
    const second = booking('b2', '2026-12-04T11:00:00.000Z');
    expect(foldBookingIntoList(undefined, second)).toEqual([second]);
    expect(foldBookingIntoList([second], first)).toEqual([first, second]);
    expect(foldBookingIntoList([first, second], second)).toEqual([first, second]);
    expect(foldBookingIntoList([first, second], { ...first, status: 'cancelled' })).toEqual([second]);
  });

  it('counts places left, never below zero', () => {
    expect(placesLeft({ capacity: 3, bookedCount: 1 })).toBe(2);
    expect(placesLeft({ capacity: 1, bookedCount: 2 })).toBe(0);
  });
});
