import type {
  AddSeriesExceptionInput,
  CancelTutoringInput,
  CoachingThreadView,
  CreateTutoringBookingInput,
  CreateTutoringSeriesInput,
  CreateTutoringSlotInput,
  Page,
  TutoringBookingsWhen,
  TutoringBookingView,
  TutoringMessageView,
  TutoringSeriesWithSlots,
  TutoringSlotQuery,
  TutoringSlotView,
  TutoringTutorView,
  UpdateTutoringSlotInput,
} from '@convergo/contracts';
import { TUTORING_MESSAGE_LIMITS } from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';
import { byCreatedAt } from '../live/chat-lines';

/** Search filters of the officials' page (empty strings: not filtered). */
export interface SlotFilters {
  tutorId: string;
  labId: string;
  /** `YYYY-MM-DD` on Rome's calendar. */
  from: string;
  to: string;
  available: boolean;
}

/**
 * The tutoring pages' server state. Slot lists are keyed under `slots`, so a live event can
 * fold a changed slot into every list at once; a slot's bookings (tutor's view) under `bookings`.
 */
export const tutoringKeys = {
  slots: ['tutoring', 'slots'] as const,
  search: (filters: SlotFilters) => ['tutoring', 'slots', 'search', filters] as const,
  mine: (tutorId: string) => ['tutoring', 'slots', 'tutor', tutorId] as const,
  slot: (slotId: string) => ['tutoring', 'slot', slotId] as const,
  slotBookings: (slotId: string) => ['tutoring', 'bookings', slotId] as const,
  myBookings: ['tutoring', 'my-bookings'] as const,
  myBookingsWhen: (when: TutoringBookingsWhen) => ['tutoring', 'my-bookings', when] as const,
  tutors: ['tutoring', 'tutors'] as const,
  coaching: ['tutoring', 'coaching'] as const,
  groupCoaching: (groupId: string) => ['tutoring', 'coaching', 'group', groupId] as const,
  meetingMessages: (slotId: string) => ['tutoring', 'meeting', slotId, 'messages'] as const,
};

export const SLOT_PAGE_SIZE = 20;

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchSlots(query: TutoringSlotQuery, signal?: AbortSignal) {
  return api<Page<TutoringSlotView>>('/tutoring/slots', {
    query: { ...query, available: query.available || undefined },
    signal,
  });
}

export function fetchSlot(slotId: string, signal?: AbortSignal) {
  return api<TutoringSlotView>(`/tutoring/slots/${slotId}`, { signal });
}

export async function fetchTutors(signal?: AbortSignal) {
  return (await api<{ items: TutoringTutorView[] }>('/tutoring/tutors', { signal })).items;
}

export async function fetchSlotBookings(slotId: string, signal?: AbortSignal) {
  return (await api<{ items: TutoringBookingView[] }>(`/tutoring/slots/${slotId}/bookings`, { signal }))
    .items;
}

export function fetchMyBookings(when: TutoringBookingsWhen, cursor: string | null, signal?: AbortSignal) {
  return api<Page<TutoringBookingView>>('/me/tutoring/bookings', {
    query: { when, cursor, limit: SLOT_PAGE_SIZE },
    signal,
  });
}

export function bookSlot(slotId: string, body: CreateTutoringBookingInput) {
  return call(() => api<TutoringBookingView>(`/tutoring/slots/${slotId}/bookings`, { method: 'POST', body }));
}

export function cancelBooking(bookingId: string, reason?: string) {
  return call(() => api<void>(`/tutoring/bookings/${bookingId}`, { method: 'DELETE', query: { reason } }));
}

export function createSlot(body: CreateTutoringSlotInput) {
  return call(() => api<TutoringSlotView>('/tutoring/slots', { method: 'POST', body }));
}

export function updateSlot(slotId: string, body: UpdateTutoringSlotInput) {
  return call(() => api<TutoringSlotView>(`/tutoring/slots/${slotId}`, { method: 'PATCH', body }));
}

export function cancelSlot(slotId: string, body: CancelTutoringInput) {
  return call(() => api<TutoringSlotView>(`/tutoring/slots/${slotId}/cancel`, { method: 'POST', body }));
}

export function createSeries(body: CreateTutoringSeriesInput) {
  return call(() => api<TutoringSeriesWithSlots>('/tutoring/series', { method: 'POST', body }));
}

export function addSeriesException(seriesId: string, body: AddSeriesExceptionInput) {
  return call(() =>
    api<TutoringSeriesWithSlots>(`/tutoring/series/${seriesId}/exceptions`, { method: 'POST', body }),
  );
}

export function cancelSeries(seriesId: string, body: CancelTutoringInput) {
  return call(() =>
    api<TutoringSeriesWithSlots>(`/tutoring/series/${seriesId}/cancel`, { method: 'POST', body }),
  );
}

export function fetchCoachingThreads(cursor: string | null, signal?: AbortSignal) {
  return api<Page<CoachingThreadView>>('/tutoring/coaching-threads', {
    query: { cursor, limit: SLOT_PAGE_SIZE },
    signal,
  });
}

export function fetchGroupCoachingThread(groupId: string, signal?: AbortSignal) {
  return api<CoachingThreadView>(`/lab-groups/${groupId}/coaching-thread`, { signal });
}

/** The latest lines of the slot's meeting room chat, oldest first (live ones are appended below). */
export async function fetchMeetingMessages(slotId: string, signal?: AbortSignal) {
  const page = await api<Page<TutoringMessageView>>(`/tutoring/slots/${slotId}/messages`, {
    query: { limit: TUTORING_MESSAGE_LIMITS.pageDefault },
    signal,
  });
  return [...page.items].sort(byCreatedAt);
}

export function postMeetingMessage(slotId: string, body: string) {
  return call(() =>
    api<TutoringMessageView>(`/tutoring/slots/${slotId}/messages`, { method: 'POST', body: { body } }),
  );
}
