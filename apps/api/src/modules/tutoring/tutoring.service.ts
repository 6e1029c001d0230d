import { Injectable } from '@nestjs/common';
import {
  type DeskBlock,
  type Page,
  type TutoringBookingView,
  type TutoringSlotView,
} from '@convergo/contracts';
import { toDeskBlock } from '../../common/desk/desk-block';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import type { RoomAccess } from '../realtime/room-authorizer';
import type {
  CancelTutoringDto,
  CreateTutoringBookingDto,
  CreateTutoringSeriesDto,
  CreateTutoringSlotDto,
  TutoringSlotQueryDto,
  UpdateTutoringSlotDto,
} from './dto/tutoring.dto';
import {
  DEMO_TUTORING_LAB_SLOT,
  DEMO_TUTORING_SERIES,
  DEMO_TUTORING_TOPIC,
  nextWeekday,
} from './tutoring.demo-data';
import { TutoringException } from './tutoring.exception';
import { toBookingView, toSlotView } from './tutoring.mapper';
import { slotRoomSubject, slotSubject } from './tutoring.policy';
import { TutoringRepository, type SlotFields } from './tutoring.repository';
import { TutoringBookingsService } from './tutoring-bookings.service';
import { TutoringSeriesService } from './tutoring-series.service';
import { DEFAULT_RANGE_DAYS, NOTIFIED_FIELDS, TutoringLedger, facts, sameValue } from './tutoring-ledger';
import type { TutoringBookingDetails, TutoringSlotDetails } from './tutoring.types';

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
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
    private readonly ledger: TutoringLedger,
    private readonly series: TutoringSeriesService,
    private readonly bookings: TutoringBookingsService,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /**
   * The desk's bookings: `booker`, the member's upcoming ones; `tutor`, the bookings of the week on
   * the member's slots. A slot meeting in Convergo links to its room, others to the tutoring page.
   */
  async deskBookings(actor: AuthMember, as: 'booker' | 'tutor', limit: number): Promise<DeskBlock> {
    const rows = await this.repo.findDeskBookings(actor.id, as, limit);
    return toDeskBlock(rows, as === 'booker' ? '/tutoraggio' : '/tutoraggio/gestione', (row) =>
      row.meeting === 'convergo' ? `/tutoraggio/slot/${row.slotId}` : '/tutoraggio',
    );
  }

  /** 'tutor' | 'booker' | 'admin' for who may enter the slot's meeting room; throws 404 (no slot) / 403. */
  async meetingAccess(actor: AuthMember, slotId: string): Promise<'tutor' | 'booker' | 'admin'> {
    const row = await this.ledger.findSlot(actor, slotId);
    if (row.tutorId === actor.id) return 'tutor';
    if (row.viewerBookingId) return 'booker';
    if (this.abilities.for(actor).can('read', slotRoomSubject(facts(row)))) return 'admin';
    throw TutoringException.forbidden('Only the slot’s tutor and those who booked it enter its meeting room');
  }

  /** The slot as `actor` sees it (404/403 as GET /tutoring/slots/:id). */
  async getSlot(actor: AuthMember, slotId: string): Promise<TutoringSlotView> {
    const row = await this.ledger.findSlot(actor, slotId);
    if (!this.abilities.for(actor).can('read', slotSubject(facts(row)))) {
      throw TutoringException.forbidden('This slot is for the participants of its lab');
    }
    return this.ledger.view(actor, row);
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
    await this.ledger.assertCreator(actor, labId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    this.ledger.assertTimes(startsAt, endsAt, true);
    const meeting = this.ledger.meetingOf(dto);
    await this.ledger.assertNoOverlap(actor.id, [{ startsAt, endsAt }]);
    const id = await this.ledger.refusingOverlap(() =>
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
    await this.ledger.announce(row, 'tutoring.slot_created');
    return this.ledger.view(actor, row);
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
      seesAll: this.ledger.seesAll(actor),
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
      items: items.map((row) => this.ledger.view(actor, row, ability)),
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
    const current = await this.ledger.findSlot(actor, slotId, true);
    this.ledger.assertManager(actor, current);
    if (current.status === 'cancelled') throw TutoringException.slotCancelled();
    const next: Partial<SlotFields> = {};
    if (dto.startsAt !== undefined) next.startsAt = new Date(dto.startsAt);
    if (dto.endsAt !== undefined) next.endsAt = new Date(dto.endsAt);
    if (dto.capacity !== undefined) next.capacity = dto.capacity;
    if (dto.note !== undefined) next.note = dto.note || null;
    if (dto.meeting !== undefined || dto.onlineUrl !== undefined || dto.place !== undefined) {
      Object.assign(
        next,
        this.ledger.meetingOf({
          meeting: dto.meeting ?? current.meeting,
          onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl : current.onlineUrl,
          place: dto.place !== undefined ? dto.place : current.place,
        }),
      );
    }
    const changed = (Object.keys(next) as (keyof SlotFields)[]).filter(
      (field) => !sameValue(next[field], current[field]),
    );
    if (changed.length === 0) return this.ledger.view(actor, current);
    const startsAt = next.startsAt ?? current.startsAt;
    const endsAt = next.endsAt ?? current.endsAt;
    const moved = changed.includes('startsAt') || changed.includes('endsAt');
    if (moved) {
      this.ledger.assertTimes(startsAt, endsAt, changed.includes('startsAt'));
      await this.ledger.assertNoOverlap(current.tutorId, [{ startsAt, endsAt }], current.id);
    }
    if (next.capacity !== undefined && next.capacity < current.bookedCount) {
      throw TutoringException.capacityBelowBookings(current.bookedCount);
    }
    const patch = Object.fromEntries(changed.map((field) => [field, next[field]])) as Partial<SlotFields>;
    await this.ledger.refusingOverlap(async () => {
      await this.repo.updateSlot(slotId, patch);
      return slotId;
    });
    const row = (await this.repo.findSlot(slotId, actor.id))!;
    await this.ledger.announce(row, 'tutoring.slot_updated');
    const bookings = await this.repo.activeBookingsOf(slotId);
    const notified = changed.filter((field) => (NOTIFIED_FIELDS as readonly string[]).includes(field));
    if (notified.length > 0) {
      for (const booking of bookings) {
        await this.ledger.notify(booking.memberId, 'tutoring_slot_changed', row, booking, {
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
    return this.ledger.view(actor, row);
  }

  /** Cancels a slot (its tutor, admins) and every booking of it; bookers are told. Twice is a 409. */
  @Transactional()
  async cancelSlot(actor: AuthMember, slotId: string, dto: CancelTutoringDto): Promise<TutoringSlotView> {
    const current = await this.ledger.findSlot(actor, slotId, true);
    this.ledger.assertManager(actor, current);
    if (current.status === 'cancelled') throw TutoringException.slotCancelled();
    await this.ledger.cancelSlotAndBookings(current.id, dto.reason || null);
    return this.ledger.view(actor, (await this.repo.findSlot(slotId, actor.id))!);
  }

  /**
   * The demo tutor's weekly series, a lab slot and one booking with a topic. Idempotent: a tutor
   * who already has a series is left as they are.
   */
  @Transactional()
  async ensureDemoTutoring(
    tutor: AuthMember,
    labId: string,
    booker: AuthMember | undefined,
    moreBookings: readonly { member: AuthMember; slot: 'weekly' | 'lab'; topic: string }[] = [],
  ): Promise<void> {
    if (await this.repo.hasSeries(tutor.id)) return;
    const now = new Date();
    const weekly = DEMO_TUTORING_SERIES;
    const created = await this.series.createSeries(tutor, {
      firstStartsAt: nextWeekday(now, weekly.weekday, weekly.start).toISOString(),
      durationMinutes: weekly.durationMinutes,
      count: weekly.count,
      capacity: weekly.capacity,
      note: weekly.note,
    } as CreateTutoringSeriesDto);
    const labSlot = DEMO_TUTORING_LAB_SLOT;
    const startsAt = nextWeekday(now, labSlot.weekday, labSlot.start);
    const lab = await this.createSlot(tutor, {
      labId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + labSlot.durationMinutes * 60_000).toISOString(),
      capacity: labSlot.capacity,
      meeting: 'online',
      onlineUrl: labSlot.onlineUrl,
      note: labSlot.note,
    } as CreateTutoringSlotDto);
    if (booker && created.slots[0]) {
      await this.bookings.book(booker, created.slots[0].id, {
        topic: DEMO_TUTORING_TOPIC,
      } as CreateTutoringBookingDto);
    }
    for (const booking of moreBookings) {
      const slotId = booking.slot === 'lab' ? lab.id : created.slots[0]?.id;
      if (slotId)
        await this.bookings.book(booking.member, slotId, {
          topic: booking.topic,
        } as CreateTutoringBookingDto);
    }
  }
}
