import { Injectable } from '@nestjs/common';
import {
  roomName,
  TUTORING_LIMITS,
  TUTORING_TIME_ZONE,
  type NotificationKind,
  type Page,
  type ServerEventType,
  type TutoringBookingsWhen,
  type TutoringBookingView,
  type TutoringMeetingKind,
  type TutoringSeriesWithSlots,
  type TutoringSlotView,
  type TutoringSlotViewerState,
  type TutoringTutorView,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { localDate, localRange } from '../../common/time-zone';
import { isExclusionViolation, isUniqueViolation } from '../../database/postgres-errors';
import { Transactional } from '../../database/transactional';
import { AbilityFactory, type AppAbility } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsException } from '../labs/labs.exception';
import { LabsService } from '../labs/labs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EventOutbox } from '../realtime/event-outbox';
import type { RoomAccess } from '../realtime/room-authorizer';
import type {
  AddSeriesExceptionDto,
  CancelTutoringDto,
  CreateTutoringBookingDto,
  CreateTutoringSeriesDto,
  CreateTutoringSlotDto,
  MyBookingsQueryDto,
  TutoringSlotQueryDto,
  UpdateTutoringSlotDto,
} from './dto/tutoring.dto';
import { expandSeries, SeriesRuleError } from './series-expansion';
import {
  DEMO_TUTORING_LAB_SLOT,
  DEMO_TUTORING_SERIES,
  DEMO_TUTORING_TOPIC,
  nextWeekday,
} from './tutoring.demo-data';
import { TutoringException } from './tutoring.exception';
import { slotPath, toBookingView, toSeriesView, toSlotView } from './tutoring.mapper';
import {
  bookingSubject,
  slotRoomSubject,
  slotSubject,
  TUTORING_ALL_SLOTS,
  type SlotFacts,
} from './tutoring.policy';
import {
  TutoringRepository,
  type BookingRecord,
  type SlotFields,
  type SlotRecord,
} from './tutoring.repository';
import type { TutoringBookingDetails, TutoringSlotDetails } from './tutoring.types';

/** Fields whose change moves the slot in bookers' diaries: they are told (`tutoring_slot_changed`). */
const NOTIFIED_FIELDS = ['startsAt', 'endsAt', 'meeting', 'onlineUrl', 'place'] as const;

const OVERLAP_CONSTRAINT = 'tutoring_slots_no_overlap';
/** Office hours are planned weeks or months ahead: a start years away is a typo (or a probe). */
const MAX_DAYS_AHEAD = 730;
const DEFAULT_RANGE_DAYS = TUTORING_LIMITS.maxRangeDays;

function facts(row: SlotRecord): SlotFacts {
  return {
    tutorId: row.tutorId,
    labId: row.labId,
    status: row.status,
    labRole: row.viewerLabRole,
    isBooker: row.viewerBooked,
    activeBooker: row.viewerBookingId !== null,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

interface MeetingFields {
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
}

/**
 * Tutoring office hours: a tutor's slots (single or a weekly series) and the places officials
 * book in them. Capacity and "no two slots of one tutor at once" are the database's to enforce
 * (a conditional UPDATE under the slot's row lock, a CHECK, an exclusion constraint), so
 * concurrent requests cannot overbook or overlap; the service only tells the refusals apart.
 * Every change reaches the slot's rooms through the outbox and its bookers as notifications.
 */
@Injectable()
export class TutoringService {
  constructor(
    private readonly repo: TutoringRepository,
    private readonly labs: LabsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** 'tutor' | 'booker' | 'admin' for who may enter the slot's meeting room; throws 404 (no slot) / 403. */
  async meetingAccess(actor: AuthMember, slotId: string): Promise<'tutor' | 'booker' | 'admin'> {
    const row = await this.findSlot(actor, slotId);
    if (row.tutorId === actor.id) return 'tutor';
    if (row.viewerBookingId) return 'booker';
    if (this.abilities.for(actor).can('read', slotRoomSubject(facts(row)))) return 'admin';
    throw TutoringException.forbidden('Only the slot’s tutor and those who booked it enter its meeting room');
  }

  /** The slot as `actor` sees it (404/403 as GET /tutoring/slots/:id). */
  async getSlot(actor: AuthMember, slotId: string): Promise<TutoringSlotView> {
    const row = await this.findSlot(actor, slotId);
    if (!this.abilities.for(actor).can('read', slotSubject(facts(row)))) {
      throw TutoringException.forbidden('This slot is for the participants of its lab');
    }
    return this.view(actor, row);
  }

  /** For reminders and e-mail: the booking with its slot and both parties' e-mail/locale; undefined if none. */
  async bookingDetails(bookingId: string): Promise<TutoringBookingDetails | undefined> {
    const booking = await this.repo.findBooking(bookingId);
    if (!booking) return undefined;
    const slot = await this.repo.findSlot(booking.slotId, null);
    if (!slot) return undefined;
    const [tutor, member] = await Promise.all([
      this.repo.party(slot.tutorId),
      this.repo.party(booking.memberId),
    ]);
    if (!tutor || !member) return undefined;
    return { booking: toBookingView(booking, toSlotView(slot, null)), tutor, member };
  }

  /** The slot with its active bookings' member ids, for the tutor's reminder; undefined if none. */
  async slotDetails(slotId: string): Promise<TutoringSlotDetails | undefined> {
    const slot = await this.repo.findSlot(slotId, null);
    if (!slot) return undefined;
    const tutor = await this.repo.party(slot.tutorId);
    if (!tutor) return undefined;
    const bookings = await this.repo.activeBookingsOf(slotId);
    return { slot: toSlotView(slot, null), tutor, bookerIds: bookings.map((b) => b.memberId) };
  }

  /**
   * For the member's iCalendar feed: their bookings (active, and cancelled in the last 30 days) and
   * the slots they tutor that have bookings, recent and upcoming.
   */
  async calendarFor(
    memberId: string,
  ): Promise<{ bookings: TutoringBookingView[]; tutoredSlots: TutoringSlotView[] }> {
    const bookings = await this.repo.calendarBookingsOf(memberId);
    const slots = await this.repo.findSlots([...new Set(bookings.map((b) => b.slotId))], null);
    const byId = new Map(slots.map((slot) => [slot.id, toSlotView(slot, null)]));
    const tutored = await this.repo.findSlots(await this.repo.calendarSlotIdsOf(memberId), null);
    return {
      bookings: bookings.map((b) => toBookingView(b, byId.get(b.slotId)!)),
      tutoredSlots: tutored.map((slot) => toSlotView(slot, null)),
    };
  }

  /** The room policy of `tutoring_slot:<id>`: the slot's tutor, its active bookers, admins. */
  async slotRoomAccess(actor: AuthMember, slotId: string): Promise<RoomAccess> {
    const row = await this.repo.findSlot(slotId, actor.id);
    if (!row) return 'not_found';
    return this.abilities.for(actor).can('read', slotRoomSubject(facts(row))) ? 'ok' : 'forbidden';
  }

  // --- Slots ---------------------------------------------------------------------------------

  @Transactional()
  async createSlot(actor: AuthMember, dto: CreateTutoringSlotDto): Promise<TutoringSlotView> {
    const labId = dto.labId?.toLowerCase() ?? null;
    await this.assertCreator(actor, labId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    this.assertTimes(startsAt, endsAt, true);
    const meeting = this.meetingOf(dto);
    await this.assertNoOverlap(actor.id, [{ startsAt, endsAt }]);
    const id = await this.refusingOverlap(() =>
      this.repo.insertSlot({
        tutorId: actor.id,
        labId,
        seriesId: null,
        startsAt,
        endsAt,
        capacity: dto.capacity ?? 1,
        ...meeting,
        note: dto.note || null,
      }),
    );
    const row = (await this.repo.findSlot(id, actor.id))!;
    await this.announce(row, 'tutoring.slot_created');
    return this.view(actor, row);
  }

  async listSlots(actor: AuthMember, query: TutoringSlotQueryDto): Promise<Page<TutoringSlotView>> {
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : undefined;
    if (to) {
      const span = to.getTime() - from.getTime();
      if (span <= 0 || span > DEFAULT_RANGE_DAYS * 86_400_000) {
        throw TutoringException.invalid('to', `must be after from, within ${DEFAULT_RANGE_DAYS} days`);
      }
    }
    const after = query.cursor ? decodeKeyset(query.cursor, ['micros', 'uuid'] as const) : undefined;
    const limit = query.limit ?? 20;
    const rows = await this.repo.listSlots({
      viewerId: actor.id,
      seesAll: this.seesAll(actor),
      tutorId: query.tutorId?.toLowerCase(),
      labId: query.labId?.toLowerCase(),
      from,
      to,
      available: query.available === true,
      after: after && { micros: after[0], id: after[1] },
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const ability = this.abilities.for(actor);
    return {
      items: items.map((row) => this.view(actor, row, ability)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.micros, last.id]) : null,
    };
  }

  /**
   * Changes a slot (its tutor, admins): every change raises its iCalendar sequence and reaches its
   * rooms; a new time, meeting kind, link or place is notified to its bookers, and a new start is
   * the domain event reminders follow.
   */
  @Transactional()
  async updateSlot(actor: AuthMember, slotId: string, dto: UpdateTutoringSlotDto): Promise<TutoringSlotView> {
    const current = await this.findSlot(actor, slotId, true);
    this.assertManager(actor, current);
    if (current.status === 'cancelled') throw TutoringException.slotCancelled();
    const next: Partial<SlotFields> = {};
    if (dto.startsAt !== undefined) next.startsAt = new Date(dto.startsAt);
    if (dto.endsAt !== undefined) next.endsAt = new Date(dto.endsAt);
    if (dto.capacity !== undefined) next.capacity = dto.capacity;
    if (dto.note !== undefined) next.note = dto.note || null;
    if (dto.meeting !== undefined || dto.onlineUrl !== undefined || dto.place !== undefined) {
      Object.assign(
        next,
        this.meetingOf({
          meeting: dto.meeting ?? current.meeting,
          onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl : current.onlineUrl,
          place: dto.place !== undefined ? dto.place : current.place,
        }),
      );
    }
    const changed = (Object.keys(next) as (keyof SlotFields)[]).filter(
      (field) => !sameValue(next[field], current[field]),
    );
    if (changed.length === 0) return this.view(actor, current);
    const startsAt = next.startsAt ?? current.startsAt;
    const endsAt = next.endsAt ?? current.endsAt;
    const moved = changed.includes('startsAt') || changed.includes('endsAt');
    if (moved) {
      this.assertTimes(startsAt, endsAt, changed.includes('startsAt'));
      await this.assertNoOverlap(current.tutorId, [{ startsAt, endsAt }], current.id);
    }
    if (next.capacity !== undefined && next.capacity < current.bookedCount) {
      throw TutoringException.capacityBelowBookings(current.bookedCount);
    }
    const patch = Object.fromEntries(changed.map((field) => [field, next[field]])) as Partial<SlotFields>;
    await this.refusingOverlap(async () => {
      await this.repo.updateSlot(slotId, patch);
      return slotId;
    });
    const row = (await this.repo.findSlot(slotId, actor.id))!;
    await this.announce(row, 'tutoring.slot_updated');
    const bookings = await this.repo.activeBookingsOf(slotId);
    const notified = changed.filter((field) => (NOTIFIED_FIELDS as readonly string[]).includes(field));
    if (notified.length > 0) {
      for (const booking of bookings) {
        await this.notify(booking.memberId, 'tutoring_slot_changed', row, booking, {
          changes: notified.join(','),
        });
      }
    }
    if (changed.includes('startsAt') && bookings.length > 0) {
      await this.events.emit('tutoring.slot_rescheduled', {
        slotId,
        tutorId: row.tutorId,
        startsAt: new Date(row.startsAt),
        endsAt: new Date(row.endsAt),
        bookingIds: bookings.map((b) => b.id),
      });
    }
    return this.view(actor, row);
  }

  /** Cancels a slot (its tutor, admins) and every booking of it; bookers are told. Twice is a 409. */
  @Transactional()
  async cancelSlot(actor: AuthMember, slotId: string, dto: CancelTutoringDto): Promise<TutoringSlotView> {
    const current = await this.findSlot(actor, slotId, true);
    this.assertManager(actor, current);
    if (current.status === 'cancelled') throw TutoringException.slotCancelled();
    await this.cancelSlotAndBookings(current.id, dto.reason || null);
    return this.view(actor, (await this.repo.findSlot(slotId, actor.id))!);
  }

  // --- Bookings ------------------------------------------------------------------------------

  /**
   * Books a place. The place is taken by one conditional UPDATE of the slot (open, not started,
   * not full), which the database serialises on the slot's row: of N members booking the last
   * place at once exactly one gets it, whatever the number of API processes.
   */
  @Transactional()
  async book(actor: AuthMember, slotId: string, dto: CreateTutoringBookingDto): Promise<TutoringBookingView> {
    const slot = await this.findSlot(actor, slotId);
    // Who may book is who may see the slot while open (everyone, or the lab's people); a closed
    // slot then answers slot_closed to them, and 403 to anyone else.
    const subject = bookingSubject({ tutorId: slot.tutorId, labId: slot.labId, labRole: slot.viewerLabRole });
    if (!this.abilities.for(actor).can('create', subject)) {
      throw TutoringException.forbidden('Only the participants of this lab book its slots');
    }
    if (slot.tutorId === actor.id) throw TutoringException.ownSlot();
    if (slot.viewerBookingId) throw TutoringException.alreadyBooked();
    if (!(await this.repo.takePlace(slotId))) {
      // A double click: the first request took the last place and committed while this one waited.
      if (await this.repo.activeBookingId(slotId, actor.id)) throw TutoringException.alreadyBooked();
      const now = (await this.repo.findSlot(slotId, null))!;
      if (now.status !== 'open' || new Date(now.startsAt).getTime() <= Date.now())
        throw TutoringException.closed();
      throw TutoringException.full();
    }
    let bookingId: string;
    try {
      bookingId = await this.repo.insertBooking(slotId, actor.id, dto.topic || null);
    } catch (error) {
      if (isUniqueViolation(error, 'tutoring_bookings_one_active')) throw TutoringException.alreadyBooked();
      throw error;
    }
    const row = (await this.repo.findSlot(slotId, null))!;
    const booking = (await this.repo.findBooking(bookingId))!;
    const view = toBookingView(booking, toSlotView(row, null));
    await this.announce(row, 'tutoring.slot_updated');
    await this.announceBooking(row, view, 'tutoring.booking_created');
    await this.notify(actor.id, 'tutoring_booked', row, booking);
    await this.notify(row.tutorId, 'tutoring_booking_received', row, booking);
    await this.events.emit('tutoring.booking_created', {
      bookingId,
      slotId,
      memberId: actor.id,
      tutorId: row.tutorId,
      startsAt: new Date(row.startsAt),
    });
    return view;
  }

  /**
   * Cancels a booking (the booker until the slot starts; the slot's tutor and admins at any time)
   * and frees its place in the same transaction. A booking already cancelled is a 409.
   */
  @Transactional()
  async cancelBooking(actor: AuthMember, bookingId: string, reason: string | null): Promise<void> {
    const found = await this.repo.findBooking(bookingId);
    if (!found) throw TutoringException.bookingNotFound();
    // The slot's row first, then the booking's: the order every writer of a slot takes its locks
    // in (a slot's cancellation locks the slot, then its bookings), so they never deadlock.
    const slot = (await this.repo.findSlot(found.slotId, actor.id, true))!;
    const booking = (await this.repo.findBooking(bookingId, true))!;
    const subject = bookingSubject({
      tutorId: slot.tutorId,
      labId: slot.labId,
      labRole: slot.viewerLabRole,
      memberId: booking.memberId,
    });
    if (!this.abilities.for(actor).can('delete', subject)) {
      // Someone else's booking does not exist for this asker.
      throw TutoringException.bookingNotFound();
    }
    if (booking.status !== 'booked') throw TutoringException.bookingNotActive();
    const byBooker = booking.memberId === actor.id && slot.tutorId !== actor.id;
    if (byBooker && new Date(slot.startsAt).getTime() <= Date.now()) throw TutoringException.slotStarted();
    const by = byBooker ? 'member' : 'tutor';
    if (!(await this.repo.cancelBooking(bookingId, by, reason || null)))
      throw TutoringException.bookingNotActive();
    await this.repo.releasePlace(slot.id);
    const row = (await this.repo.findSlot(slot.id, null))!;
    const cancelled = (await this.repo.findBooking(bookingId))!;
    const view = toBookingView(cancelled, toSlotView(row, null));
    await this.announce(row, 'tutoring.slot_updated');
    await this.announceBooking(row, view, 'tutoring.booking_cancelled');
    const other = by === 'member' ? row.tutorId : booking.memberId;
    await this.notify(other, 'tutoring_booking_cancelled', row, cancelled, {
      cancelledBy: by,
      reason: reason || null,
    });
    await this.events.emit('tutoring.booking_cancelled', {
      bookingId,
      slotId: row.id,
      memberId: booking.memberId,
      tutorId: row.tutorId,
    });
    // No longer a booker: their sockets leave `tutoring_slot:<id>`.
    this.events.emitAfterCommit('access.narrowed', { memberId: booking.memberId });
  }

  /** Who booked the slot and why (its tutor, admins; nobody else, bookers included). */
  async slotBookings(actor: AuthMember, slotId: string): Promise<{ items: TutoringBookingView[] }> {
    const slot = await this.findSlot(actor, slotId);
    if (!this.abilities.for(actor).can('update', slotSubject(facts(slot)))) {
      throw TutoringException.forbidden('Only the slot’s tutor (and administrators) see who booked it');
    }
    const view = toSlotView(slot, null);
    return { items: (await this.repo.activeBookingsOf(slotId)).map((b) => toBookingView(b, view)) };
  }

  async myBookings(actor: AuthMember, query: MyBookingsQueryDto): Promise<Page<TutoringBookingView>> {
    const when: TutoringBookingsWhen = query.when ?? 'upcoming';
    const after = query.cursor ? decodeKeyset(query.cursor, ['micros', 'uuid'] as const) : undefined;
    const limit = query.limit ?? 20;
    const rows = await this.repo.bookingsOfMember(
      actor.id,
      when,
      after && { micros: after[0], id: after[1] },
      limit,
    );
    const items = rows.slice(0, limit);
    const slots = await this.repo.findSlots([...new Set(items.map((b) => b.slotId))], null);
    const byId = new Map(slots.map((slot) => [slot.id, toSlotView(slot, null)]));
    const last = items.at(-1);
    return {
      items: items.map((b) => toBookingView(b, byId.get(b.slotId)!)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.micros, last.id]) : null,
    };
  }

  async tutors(actor: AuthMember): Promise<{ items: TutoringTutorView[] }> {
    const rows = await this.repo.listTutors(actor.id, this.seesAll(actor));
    return {
      items: rows.map((row) => ({
        tutor: { id: row.tutorId, displayName: row.tutorName, organizationName: row.tutorOrganization },
        labs: row.labs,
        openSlots: row.openSlots,
        nextSlotAt: row.nextSlotAt ? new Date(row.nextSlotAt).toISOString() : null,
      })),
    };
  }

  // --- Series --------------------------------------------------------------------------------

  /**
   * A weekly series and all its slots, in one transaction: any occurrence overlapping another
   * slot of the tutor refuses the whole series (409 naming the date), and nothing is stored.
   */
  @Transactional()
  async createSeries(actor: AuthMember, dto: CreateTutoringSeriesDto): Promise<TutoringSeriesWithSlots> {
    const labId = dto.labId?.toLowerCase() ?? null;
    await this.assertCreator(actor, labId);
    const firstStartsAt = new Date(dto.firstStartsAt);
    this.assertUpcoming(firstStartsAt, 'firstStartsAt');
    this.assertDuration(dto.durationMinutes, 'durationMinutes');
    if ((dto.exceptions?.length ?? 0) > TUTORING_LIMITS.seriesMaxExceptions) {
      throw TutoringException.invalid('exceptions', `at most ${TUTORING_LIMITS.seriesMaxExceptions} dates`);
    }
    const meeting = this.meetingOf(dto);
    let expansion;
    try {
      expansion = expandSeries({
        firstStartsAt,
        durationMinutes: dto.durationMinutes,
        timeZone: TUTORING_TIME_ZONE,
        weekdays: dto.weekdays,
        intervalWeeks: dto.intervalWeeks,
        until: dto.until,
        count: dto.count,
        exceptions: dto.exceptions,
      });
    } catch (error) {
      if (error instanceof SeriesRuleError) throw TutoringException.invalid(error.field, error.message);
      throw error;
    }
    await this.assertNoOverlap(actor.id, expansion.occurrences);
    const capacity = dto.capacity ?? 1;
    const seriesId = await this.repo.insertSeries({
      tutorId: actor.id,
      labId,
      rrule: expansion.rrule,
      timeZone: TUTORING_TIME_ZONE,
      startTime: expansion.startTime,
      durationMinutes: dto.durationMinutes,
      firstDate: expansion.firstDate,
      exceptions: [...new Set(dto.exceptions ?? [])].sort(),
      capacity,
      ...meeting,
      note: dto.note || null,
    });
    for (const occurrence of expansion.occurrences) {
      const id = await this.refusingOverlap(
        () =>
          this.repo.insertSlot({
            tutorId: actor.id,
            labId,
            seriesId,
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            capacity,
            ...meeting,
            note: dto.note || null,
          }),
        occurrence.date,
      );
      await this.announce((await this.repo.findSlot(id, null))!, 'tutoring.slot_created');
    }
    return this.seriesWithSlots(actor, seriesId);
  }

  async getSeries(actor: AuthMember, seriesId: string): Promise<TutoringSeriesWithSlots> {
    const series = await this.repo.findSeries(seriesId);
    if (!series) throw TutoringException.seriesNotFound();
    await this.assertSeriesReader(actor, series.tutorId, series.labId);
    return this.seriesWithSlots(actor, seriesId);
  }

  /** Skips one date: the series remembers it, and that date's slot is cancelled (bookers told). */
  @Transactional()
  async addSeriesException(
    actor: AuthMember,
    seriesId: string,
    dto: AddSeriesExceptionDto,
  ): Promise<TutoringSeriesWithSlots> {
    const series = await this.findManagedSeries(actor, seriesId);
    if (dto.date < localDate(new Date(), series.timeZone)) {
      throw TutoringException.invalid('date', 'must be today or later: past slots are history');
    }
    if (
      series.exceptions.length >= TUTORING_LIMITS.seriesMaxExceptions &&
      !series.exceptions.includes(dto.date)
    ) {
      throw TutoringException.invalid(
        'date',
        `a series has at most ${TUTORING_LIMITS.seriesMaxExceptions} exceptions`,
      );
    }
    await this.repo.addSeriesException(seriesId, dto.date);
    const ids = await this.repo.seriesSlotIds(seriesId, {
      after: new Date(),
      localDate: dto.date,
      timeZone: series.timeZone,
    });
    for (const id of ids) await this.cancelSlotAndBookings(id, dto.reason || null);
    return this.seriesWithSlots(actor, seriesId);
  }

  /** Ends a series: its future open slots are cancelled (bookers told); past ones stay. Twice is a 409. */
  @Transactional()
  async cancelSeries(
    actor: AuthMember,
    seriesId: string,
    dto: CancelTutoringDto,
  ): Promise<TutoringSeriesWithSlots> {
    await this.findManagedSeries(actor, seriesId);
    if (!(await this.repo.cancelSeries(seriesId))) throw TutoringException.seriesCancelled();
    const ids = await this.repo.seriesSlotIds(seriesId, { after: new Date() });
    for (const id of ids) await this.cancelSlotAndBookings(id, dto.reason || null);
    return this.seriesWithSlots(actor, seriesId);
  }

  /**
   * The demo tutor's weekly series, a lab slot and one booking with a topic. Idempotent: a tutor
   * who already has a series is left as they are.
   */
  @Transactional()
  async ensureDemoTutoring(tutor: AuthMember, labId: string, booker: AuthMember | undefined): Promise<void> {
    if (await this.repo.hasSeries(tutor.id)) return;
    const now = new Date();
    const weekly = DEMO_TUTORING_SERIES;
    const created = await this.createSeries(tutor, {
      firstStartsAt: nextWeekday(now, weekly.weekday, weekly.start).toISOString(),
      durationMinutes: weekly.durationMinutes,
      count: weekly.count,
      capacity: weekly.capacity,
      note: weekly.note,
    } as CreateTutoringSeriesDto);
    const labSlot = DEMO_TUTORING_LAB_SLOT;
    const startsAt = nextWeekday(now, labSlot.weekday, labSlot.start);
    await this.createSlot(tutor, {
      labId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + labSlot.durationMinutes * 60_000).toISOString(),
      capacity: labSlot.capacity,
      meeting: 'online',
      onlineUrl: labSlot.onlineUrl,
      note: labSlot.note,
    } as CreateTutoringSlotDto);
    if (booker && created.slots[0]) {
      await this.book(booker, created.slots[0].id, {
        topic: DEMO_TUTORING_TOPIC,
      } as CreateTutoringBookingDto);
    }
  }

  // --- Rules ---------------------------------------------------------------------------------

  private async findSlot(actor: AuthMember, slotId: string, lock = false): Promise<SlotRecord> {
    const row = await this.repo.findSlot(slotId, actor.id, lock);
    if (!row) throw TutoringException.slotNotFound();
    return row;
  }

  private seesAll(actor: AuthMember): boolean {
    return this.abilities.for(actor).can('read', TUTORING_ALL_SLOTS);
  }

  /** `ability`: the asker's, when the caller maps a whole list (built once, not per row). */
  private view(
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
  private async assertCreator(actor: AuthMember, labId: string | null): Promise<void> {
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

  private assertManager(actor: AuthMember, row: SlotRecord): void {
    const ability = this.abilities.for(actor);
    if (ability.can('update', slotSubject(facts(row)))) return;
    if (!ability.can('read', slotSubject(facts(row)))) {
      throw TutoringException.forbidden('This slot is for the participants of its lab');
    }
    throw TutoringException.forbidden('Only the slot’s tutor (and administrators) change or cancel it');
  }

  private async assertSeriesReader(actor: AuthMember, tutorId: string, labId: string | null): Promise<void> {
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

  private async findManagedSeries(actor: AuthMember, seriesId: string) {
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

  private assertDuration(minutes: number, field: string): void {
    if (minutes < TUTORING_LIMITS.minMinutes || minutes > TUTORING_LIMITS.maxMinutes) {
      throw TutoringException.invalid(
        field,
        `a slot lasts ${TUTORING_LIMITS.minMinutes} to ${TUTORING_LIMITS.maxMinutes} minutes`,
      );
    }
  }

  private assertTimes(startsAt: Date, endsAt: Date, startMustBeFuture: boolean): void {
    if (endsAt.getTime() <= startsAt.getTime())
      throw TutoringException.invalid('endsAt', 'must be after startsAt');
    this.assertDuration((endsAt.getTime() - startsAt.getTime()) / 60_000, 'endsAt');
    if (startMustBeFuture) this.assertUpcoming(startsAt, 'startsAt');
  }

  private assertUpcoming(startsAt: Date, field: string): void {
    if (startsAt.getTime() <= Date.now()) throw TutoringException.invalid(field, 'must be in the future');
    if (startsAt.getTime() > Date.now() + MAX_DAYS_AHEAD * 86_400_000) {
      throw TutoringException.invalid(field, `must be within ${MAX_DAYS_AHEAD} days from now`);
    }
  }

  /** `online` needs an https link, `in_presence` a place; fields the kind does not use are dropped. */
  private meetingOf(input: {
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

  private async assertNoOverlap(
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
  private async refusingOverlap(write: () => Promise<string>, date?: string): Promise<string> {
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

  private async cancelSlotAndBookings(slotId: string, reason: string | null): Promise<void> {
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

  private async seriesWithSlots(actor: AuthMember, seriesId: string): Promise<TutoringSeriesWithSlots> {
    const series = (await this.repo.findSeries(seriesId))!;
    const slots = await this.repo.seriesSlotsAll(seriesId, actor.id);
    const ability = this.abilities.for(actor);
    return { series: toSeriesView(series), slots: slots.map((row) => this.view(actor, row, ability)) };
  }

  /** To the slot's public room (`tutoring`, or its lab's) and its own room; a new slot to its tutor too. */
  private async announce(
    row: SlotRecord,
    type: Extract<ServerEventType, 'tutoring.slot_created' | 'tutoring.slot_updated'>,
  ) {
    const view = toSlotView(row, null);
    await this.outbox.record(row.labId ? roomName('lab', row.labId) : 'tutoring', type, view);
    await this.outbox.record(roomName('tutoring_slot', row.id), type, view);
    if (type === 'tutoring.slot_created')
      await this.outbox.record(roomName('member', row.tutorId), type, view);
  }

  private async announceBooking(
    row: SlotRecord,
    view: TutoringBookingView,
    type: Extract<ServerEventType, 'tutoring.booking_created' | 'tutoring.booking_cancelled'>,
  ): Promise<void> {
    await this.outbox.record(roomName('member', row.tutorId), type, view);
    if (view.member.id !== row.tutorId)
      await this.outbox.record(roomName('member', view.member.id), type, view);
  }

  private async notify(
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
