import { Injectable } from '@nestjs/common';
import {
  type Page,
  type TutoringBookingsWhen,
  type TutoringBookingView,
  type TutoringTutorView,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { isUniqueViolation } from '../../database/postgres-errors';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import type { CreateTutoringBookingDto, MyBookingsQueryDto } from './dto/tutoring.dto';
import { TutoringException } from './tutoring.exception';
import { toBookingView, toSlotView } from './tutoring.mapper';
import { bookingSubject, slotSubject } from './tutoring.policy';
import { TutoringRepository } from './tutoring.repository';
import { TutoringLedger, facts } from './tutoring-ledger';

/** Places in slots: booking (the database decides who gets the last one), cancelling, who booked, a member's bookings. */
@Injectable()
export class TutoringBookingsService {
  constructor(
    private readonly repo: TutoringRepository,
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
    private readonly ledger: TutoringLedger,
  ) {}

  /**
   * Books a place. The place is taken by one conditional UPDATE of the slot (open, not started,
   * not full), which the database serialises on the slot's row: of N members booking the last
   * place at once exactly one gets it, whatever the number of API processes.
   */
  @Transactional()
  async book(actor: AuthMember, slotId: string, dto: CreateTutoringBookingDto): Promise<TutoringBookingView> {
    const slot = await this.ledger.findSlot(actor, slotId);
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
    await this.ledger.announce(row, 'tutoring.slot_updated');
    await this.ledger.announceBooking(row, view, 'tutoring.booking_created');
    await this.ledger.notify(actor.id, 'tutoring_booked', row, booking);
    await this.ledger.notify(row.tutorId, 'tutoring_booking_received', row, booking);
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
    await this.ledger.announce(row, 'tutoring.slot_updated');
    await this.ledger.announceBooking(row, view, 'tutoring.booking_cancelled');
    const other = by === 'member' ? row.tutorId : booking.memberId;
    await this.ledger.notify(other, 'tutoring_booking_cancelled', row, cancelled, {
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
    const slot = await this.ledger.findSlot(actor, slotId);
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
    const rows = await this.repo.listTutors(actor.id, this.ledger.seesAll(actor));
    return {
      items: rows.map((row) => ({
        tutor: { id: row.tutorId, displayName: row.tutorName, organizationName: row.tutorOrganization },
        labs: row.labs,
        openSlots: row.openSlots,
        nextSlotAt: row.nextSlotAt ? new Date(row.nextSlotAt).toISOString() : null,
      })),
    };
  }
}
