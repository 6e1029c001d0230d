import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import type { CalendarFeedView } from '@convergo/contracts';
import { Environment } from '../../config/environment';
import { hashToken, newSecretToken } from '../../common/secret-token';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { SessionsService } from '../sessions/sessions.service';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarException } from './calendar.exception';
import { TutoringService } from '../tutoring/tutoring.service';
import { buildCalendar, sessionEvents, tutoredSlotEvent, tutoringBookingEvent } from './ics';

/** A feed token is base64url of 32 random bytes: anything else is refused before hashing. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * iCalendar (RFC 5545) views of lab sessions and tutoring: a lab's calendar, the member's own, and the
 * member's private feed URL for calendar apps (a revocable token; only its SHA-256 is stored).
 */
@Injectable()
export class CalendarService {
  private readonly publicUrl: string;

  constructor(
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly tutoring: TutoringService,
    private readonly feeds: CalendarFeedRepository,
    env: Environment,
  ) {
    this.publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  }

  async labCalendar(actor: AuthMember, labId: string): Promise<string> {
    const entries = await this.sessions.calendarForLab(actor, labId);
    const title = (await this.labs.titleOf(labId)) ?? 'Laboratorio';
    return buildCalendar(`Convergo – ${title}`, sessionEvents(entries, this.publicUrl));
  }

  /** The member's lab sessions, tutoring bookings and, for a tutor, the slots someone booked. */
  async memberCalendar(memberId: string): Promise<string> {
    const entries = await this.sessions.calendarForMember(memberId);
    const tutoring = await this.tutoring.calendarFor(memberId);
    return buildCalendar('Convergo – I miei laboratori', [
      ...sessionEvents(entries, this.publicUrl),
      ...tutoring.bookings.map((booking) => tutoringBookingEvent(booking, this.publicUrl)),
      ...tutoring.tutoredSlots.map((slot) => tutoredSlotEvent(slot, this.publicUrl)),
    ]);
  }

  /** The member's feed without a bearer; 404 for an unknown, revoked or forged token. */
  async feedCalendar(token: string): Promise<string> {
    if (!TOKEN_SHAPE.test(token)) throw CalendarException.feedNotFound();
    const memberId = await this.feeds.findMemberId(hashToken(token));
    if (!memberId) throw CalendarException.feedNotFound();
    return this.memberCalendar(memberId);
  }

  /** Creates the member's feed URL, or replaces it (the old URL then answers 404). */
  @Transactional()
  async rotateFeed(actor: AuthMember): Promise<CalendarFeedView> {
    const token = newSecretToken();
    await this.feeds.upsert(actor.id, hashToken(token));
    return { token, url: `${this.publicUrl.replace(/\/+$/, '')}/api/v1/calendar/${token}.ics` };
  }

  @Transactional()
  async revokeFeed(actor: AuthMember): Promise<void> {
    await this.feeds.delete(actor.id);
  }
}
