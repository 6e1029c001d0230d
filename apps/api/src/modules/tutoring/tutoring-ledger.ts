import { Injectable } from '@nestjs/common';
import {
  roomName,
  TUTORING_LIMITS,
  TUTORING_TIME_ZONE,
  type NotificationKind,
  type ServerEventType,
  type TutoringBookingView,
  type TutoringMeetingKind,
  type TutoringSeriesWithSlots,
  type TutoringSlotView,
  type TutoringSlotViewerState,
} from '@convergo/contracts';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { localRange } from '../../common/time-zone';
import { isExclusionViolation } from '../../database/postgres-errors';
import { AbilityFactory, type AppAbility } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsException } from '../labs/labs.exception';
import { LabsService } from '../labs/labs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EventOutbox } from '../realtime/event-outbox';
import { TutoringException } from './tutoring.exception';
import { slotPath, toBookingView, toSeriesView, toSlotView } from './tutoring.mapper';
import { bookingSubject, slotSubject, TUTORING_ALL_SLOTS, type SlotFacts } from './tutoring.policy';
import { TutoringRepository, type BookingRecord, type SlotRecord } from './tutoring.repository';

/** Fields whose change moves the slot in bookers' diaries: they are told (`tutoring_slot_changed`). */
export const NOTIFIED_FIELDS = ['startsAt', 'endsAt', 'meeting', 'onlineUrl', 'place'] as const;

export const OVERLAP_CONSTRAINT = 'tutoring_slots_no_overlap';
/** Office hours are planned weeks or months ahead: a start years away is a typo (or a probe). */
export const MAX_DAYS_AHEAD = 730;
export const DEFAULT_RANGE_DAYS = TUTORING_LIMITS.maxRangeDays;

export function facts(row: SlotRecord): SlotFacts {
  return {
    tutorId: row.tutorId,
    labId: row.labId,
    status: row.status,
    labRole: row.viewerLabRole,
    isBooker: row.viewerBooked,
    activeBooker: row.viewerBookingId !== null,
  };
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

export interface MeetingFields {
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
}

/**
 * The rules every tutoring writer and reader applies the same way: finding a slot as the asker
 * sees it, who may publish, manage or read, valid times and meetings, the overlap guard (with the
 * exclusion constraint as the last word), cancelling a slot with its bookings, and how changes
 * are announced (outbox) and notified. Internal to the module.
 */
@Injectable()
export class TutoringLedger {
  constructor(
    private readonly repo: TutoringRepository,
    private readonly labs: LabsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
  ) {}

  async findSlot(actor: AuthMember, slotId: string, lock = false): Promise<SlotRecord> {
    const row = await this.repo.findSlot(slotId, actor.id, lock);
    if (!row) throw TutoringException.slotNotFound();
    return row;
  }

  seesAll(actor: AuthMember): boolean {
    return this.abilities.for(actor).can('read', TUTORING_ALL_SLOTS);
  }

  /** `ability`: the asker's, when the caller maps a whole list (built once, not per row). */
  view(
    actor: AuthMember,
    row: SlotRecord,
    ability: AppAbility = this.abilities.for(actor),
  ): TutoringSlotView {
    const canManage = ability.can('update', slotSubject(facts(row)));
    const bookable = ability.can(
      'create',
      bookingSubject({ tutorId: row.tutorId, labId: row.labId, labRole: row.viewerLabRole }),
    );
    const viewer: TutoringSlotViewerState = {
      bookingId: row.viewerBookingId,
      canManage,
      canBook:
        bookable &&
        row.status === 'open' &&
        new Date(row.startsAt).getTime() > Date.now() &&
        row.bookedCount < row.capacity &&
        row.viewerBookingId === null &&
        row.tutorId !== actor.id,
    };
    return toSlotView(row, viewer);
  }

  /** 404 for an unknown lab; 403 unless the asker may publish slots there (or open to all). */
  async assertCreator(actor: AuthMember, labId: string | null): Promise<void> {
    if (labId && !(await this.labs.exists(labId))) throw LabsException.labNotFound();
    const labRole = labId ? await this.labs.roleOf(actor.id, labId) : null;
    const subject = slotSubject({
      tutorId: actor.id,
      labId,
      status: 'open',
      labRole,
      isBooker: false,
      activeBooker: false,
    });
    if (!this.abilities.for(actor).can('create', subject)) {
      throw TutoringException.forbidden(
        labId
          ? 'Only the tutors of this lab (and administrators) publish its slots'
          : 'Only tutors (and administrators) publish tutoring slots',
      );
    }
  }

  assertManager(actor: AuthMember, row: SlotRecord): void {
    const ability = this.abilities.for(actor);
    if (ability.can('update', slotSubject(facts(row)))) return;
    if (!ability.can('read', slotSubject(facts(row)))) {
      throw TutoringException.forbidden('This slot is for the participants of its lab');
    }
    throw TutoringException.forbidden('Only the slot’s tutor (and administrators) change or cancel it');
  }

  async assertSeriesReader(actor: AuthMember, tutorId: string, labId: string | null): Promise<void> {
    const labRole = labId ? await this.labs.roleOf(actor.id, labId) : null;
    const subject = slotSubject({
      tutorId,
      labId,
      status: 'open',
      labRole,
      isBooker: false,
      activeBooker: false,
    });
    if (!this.abilities.for(actor).can('read', subject)) {
      throw TutoringException.forbidden('This series is for the participants of its lab');
    }
  }

  async findManagedSeries(actor: AuthMember, seriesId: string) {
    const series = await this.repo.findSeries(seriesId, true);
    if (!series) throw TutoringException.seriesNotFound();
    await this.assertSeriesReader(actor, series.tutorId, series.labId);
    const subject = slotSubject({
      tutorId: series.tutorId,
      labId: series.labId,
      status: 'open',
      labRole: null,
      isBooker: false,
      activeBooker: false,
    });
    if (!this.abilities.for(actor).can('update', subject)) {
      throw TutoringException.forbidden('Only the series’ tutor (and administrators) change it');
    }
    if (series.status === 'cancelled') throw TutoringException.seriesCancelled();
    return series;
  }

  assertDuration(minutes: number, field: string): void {
    if (minutes < TUTORING_LIMITS.minMinutes || minutes > TUTORING_LIMITS.maxMinutes) {
      throw TutoringException.invalid(
        field,
        `a slot lasts ${TUTORING_LIMITS.minMinutes} to ${TUTORING_LIMITS.maxMinutes} minutes`,
      );
    }
  }

  assertTimes(startsAt: Date, endsAt: Date, startMustBeFuture: boolean): void {
    if (endsAt.getTime() <= startsAt.getTime())
      throw TutoringException.invalid('endsAt', 'must be after startsAt');
    this.assertDuration((endsAt.getTime() - startsAt.getTime()) / 60_000, 'endsAt');
    if (startMustBeFuture) this.assertUpcoming(startsAt, 'startsAt');
  }

  assertUpcoming(startsAt: Date, field: string): void {
    if (startsAt.getTime() <= Date.now()) throw TutoringException.invalid(field, 'must be in the future');
    if (startsAt.getTime() > Date.now() + MAX_DAYS_AHEAD * 86_400_000) {
      throw TutoringException.invalid(field, `must be within ${MAX_DAYS_AHEAD} days from now`);
    }
  }

  /** `online` needs an https link, `in_presence` a place; fields the kind does not use are dropped. */
  meetingOf(input: {
    meeting?: TutoringMeetingKind;
    onlineUrl?: string | null;
    place?: string | null;
  }): MeetingFields {
    const meeting = input.meeting ?? 'convergo';
    const onlineUrl = input.onlineUrl || null;
    const place = input.place || null;
    if (meeting === 'online' && !onlineUrl)
      throw TutoringException.invalid('onlineUrl', 'an online slot needs its https link');
    if (meeting === 'in_presence' && !place)
      throw TutoringException.invalid('place', 'a slot in presence needs its place');
    return {
      meeting,
      onlineUrl: meeting === 'online' ? onlineUrl : null,
      place: meeting === 'in_presence' ? place : null,
    };
  }

  async assertNoOverlap(
    tutorId: string,
    ranges: readonly { startsAt: Date; endsAt: Date; date?: string }[],
    exceptId: string | null = null,
  ): Promise<void> {
    const clash = await this.repo.findOverlap(tutorId, ranges, exceptId);
    if (clash)
      throw TutoringException.overlap(
        localRange(new Date(clash.startsAt), new Date(clash.endsAt), TUTORING_TIME_ZONE),
      );
  }

  /** The exclusion constraint is the last word when a concurrent request slipped in after our check. */
  async refusingOverlap(write: () => Promise<string>, date?: string): Promise<string> {
    try {
      return await write();
    } catch (error) {
      if (isExclusionViolation(error, OVERLAP_CONSTRAINT)) {
        throw TutoringException.overlap(
          date ? `${date} (${TUTORING_TIME_ZONE})` : 'a slot created at the same moment',
        );
      }
      throw error;
    }
  }

  async cancelSlotAndBookings(slotId: string, reason: string | null): Promise<void> {
    if (!(await this.repo.cancelSlot(slotId, reason))) return;
    const bookingIds = await this.repo.cancelBookingsOfSlot(slotId, reason);
    const row = (await this.repo.findSlot(slotId, null))!;
    await this.announce(row, 'tutoring.slot_updated');
    const slotView = toSlotView(row, null);
    for (const booking of await this.repo.findBookings(bookingIds)) {
      await this.announceBooking(row, toBookingView(booking, slotView), 'tutoring.booking_cancelled');
      await this.notify(booking.memberId, 'tutoring_slot_cancelled', row, booking, { reason });
      await this.events.emit('tutoring.booking_cancelled', {
        bookingId: booking.id,
        slotId,
        memberId: booking.memberId,
        tutorId: row.tutorId,
      });
      this.events.emitAfterCommit('access.narrowed', { memberId: booking.memberId });
    }
  }

  async seriesWithSlots(actor: AuthMember, seriesId: string): Promise<TutoringSeriesWithSlots> {
    const series = (await this.repo.findSeries(seriesId))!;
    const slots = await this.repo.seriesSlotsAll(seriesId, actor.id);
    const ability = this.abilities.for(actor);
    return { series: toSeriesView(series), slots: slots.map((row) => this.view(actor, row, ability)) };
  }

  /** To the slot's public room (`tutoring`, or its lab's) and its own room; a new slot to its tutor too. */
  async announce(
    row: SlotRecord,
    type: Extract<ServerEventType, 'tutoring.slot_created' | 'tutoring.slot_updated'>,
  ) {
    const view = toSlotView(row, null);
    await this.outbox.record(row.labId ? roomName('lab', row.labId) : 'tutoring', type, view);
    await this.outbox.record(roomName('tutoring_slot', row.id), type, view);
    if (type === 'tutoring.slot_created')
      await this.outbox.record(roomName('member', row.tutorId), type, view);
  }

  async announceBooking(
    row: SlotRecord,
    view: TutoringBookingView,
    type: Extract<ServerEventType, 'tutoring.booking_created' | 'tutoring.booking_cancelled'>,
  ): Promise<void> {
    await this.outbox.record(roomName('member', row.tutorId), type, view);
    if (view.member.id !== row.tutorId)
      await this.outbox.record(roomName('member', view.member.id), type, view);
  }

  async notify(
    memberId: string,
    kind: Extract<NotificationKind, `tutoring_${string}`>,
    slot: SlotRecord,
    booking: BookingRecord,
    extra: Record<string, string | null> = {},
  ): Promise<void> {
    await this.notifications.notify({
      memberId,
      kind,
      data: {
        slotId: slot.id,
        bookingId: booking.id,
        tutorId: slot.tutorId,
        tutorName: slot.tutorName,
        memberName: booking.memberName,
        labTitle: slot.labTitle,
        startsAt: new Date(slot.startsAt).toISOString(),
        endsAt: new Date(slot.endsAt).toISOString(),
        meeting: slot.meeting,
        onlineUrl: slot.onlineUrl,
        place: slot.place,
        topic: booking.topic,
        ...extra,
      },
      link: slotPath(slot.id),
    });
  }
}
