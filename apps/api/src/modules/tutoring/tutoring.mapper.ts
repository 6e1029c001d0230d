import type {
  TutoringBookingView,
  TutoringSeriesView,
  TutoringSlotView,
  TutoringSlotViewerState,
} from '@convergo/contracts';
import type { BookingRecord, SeriesRecord, SlotRecord } from './tutoring.repository';

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toSlotView(row: SlotRecord, viewer: TutoringSlotViewerState | null): TutoringSlotView {
  return {
    id: row.id,
    tutor: { id: row.tutorId, displayName: row.tutorName, organizationName: row.tutorOrganization },
    lab: row.labId ? { id: row.labId, title: row.labTitle ?? '' } : null,
    seriesId: row.seriesId,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    capacity: row.capacity,
    bookedCount: row.bookedCount,
    meeting: row.meeting,
    onlineUrl: row.onlineUrl,
    place: row.place,
    note: row.note,
    status: row.status,
    cancelReason: row.cancelReason,
    icalSequence: row.icalSequence,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    viewer,
  };
}

export function toBookingView(row: BookingRecord, slot: TutoringSlotView): TutoringBookingView {
  return {
    id: row.id,
    slotId: row.slotId,
    member: { id: row.memberId, displayName: row.memberName, organizationName: row.memberOrganization },
    topic: row.topic,
    status: row.status,
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
    createdAt: iso(row.createdAt),
    cancelledAt: row.cancelledAt ? iso(row.cancelledAt) : null,
    slot: { ...slot, viewer: null },
  };
}

export function toSeriesView(row: SeriesRecord): TutoringSeriesView {
  return {
    id: row.id,
    tutor: { id: row.tutorId, displayName: row.tutorName, organizationName: row.tutorOrganization },
    lab: row.labId ? { id: row.labId, title: row.labTitle ?? '' } : null,
    rrule: row.rrule,
    timeZone: row.timeZone,
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    firstDate: row.firstDate,
    exceptions: row.exceptions,
    capacity: row.capacity,
    meeting: row.meeting,
    onlineUrl: row.onlineUrl,
    place: row.place,
    note: row.note,
    status: row.status,
    slotCount: row.slotCount,
    createdAt: iso(row.createdAt),
  };
}

/** The slot's page in the web app (notifications). */
export function slotPath(slotId: string): string {
  return `/tutoraggio/slot/${slotId}`;
}
