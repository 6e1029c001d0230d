import { ApiProperty } from '@nestjs/swagger';
import {
  TUTORING_BOOKING_STATUSES,
  TUTORING_MEETING_KINDS,
  TUTORING_SLOT_STATUSES,
  type TutoringBookingStatus,
  type TutoringBookingView,
  type TutoringLabRef,
  type TutoringMeetingKind,
  type TutoringSeriesView,
  type TutoringSeriesWithSlots,
  type TutoringSlotStatus,
  type TutoringSlotView,
  type TutoringSlotViewerState,
  type TutoringTutorView,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

export class TutoringLabRefResponse implements TutoringLabRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class TutoringSlotViewerResponse implements TutoringSlotViewerState {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId: string | null;
  @ApiProperty() canManage: boolean;
  @ApiProperty() canBook: boolean;
}

export class TutoringSlotResponse implements TutoringSlotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: MemberRefResponse }) tutor: MemberRefResponse;
  @ApiProperty({ type: TutoringLabRefResponse, nullable: true }) lab: TutoringLabRefResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) seriesId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Active bookings' }) bookedCount: number;
  @ApiProperty({ enum: TUTORING_MEETING_KINDS }) meeting: TutoringMeetingKind;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: TUTORING_SLOT_STATUSES }) status: TutoringSlotStatus;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ description: 'iCalendar SEQUENCE, raised on every change' }) icalSequence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: TutoringSlotViewerResponse, nullable: true })
  viewer: TutoringSlotViewerResponse | null;
}

export class TutoringBookingResponse implements TutoringBookingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
  @ApiProperty({ type: String, nullable: true, description: 'Plain text; the web escapes it' }) topic:
    string | null;
  @ApiProperty({ enum: TUTORING_BOOKING_STATUSES }) status: TutoringBookingStatus;
  @ApiProperty({ enum: ['member', 'tutor'], nullable: true }) cancelledBy: 'member' | 'tutor' | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ type: TutoringSlotResponse }) slot: TutoringSlotResponse;
}

export class TutoringSeriesResponse implements TutoringSeriesView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: MemberRefResponse }) tutor: MemberRefResponse;
  @ApiProperty({ type: TutoringLabRefResponse, nullable: true }) lab: TutoringLabRefResponse | null;
  @ApiProperty({ example: 'FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=TU;COUNT=10' }) rrule: string;
  @ApiProperty({ example: 'Europe/Rome' }) timeZone: string;
  @ApiProperty({ example: '10:00' }) startTime: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ format: 'date' }) firstDate: string;
  @ApiProperty({ type: [String], format: 'date' }) exceptions: string[];
  @ApiProperty() capacity: number;
  @ApiProperty({ enum: TUTORING_MEETING_KINDS }) meeting: TutoringMeetingKind;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status: 'active' | 'cancelled';
  @ApiProperty() slotCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TutoringSeriesWithSlotsResponse implements TutoringSeriesWithSlots {
  @ApiProperty({ type: TutoringSeriesResponse }) series: TutoringSeriesResponse;
  @ApiProperty({ type: [TutoringSlotResponse] }) slots: TutoringSlotResponse[];
}

export class TutoringTutorResponse implements TutoringTutorView {
  @ApiProperty({ type: MemberRefResponse }) tutor: MemberRefResponse;
  @ApiProperty({ type: [TutoringLabRefResponse] }) labs: TutoringLabRefResponse[];
  @ApiProperty() openSlots: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextSlotAt: string | null;
}
