import { Injectable } from '@nestjs/common';
import { Environment } from '../../../config/environment';
import { buildCalendar, tutoringBookingEvent, type IcsMethod } from '../../calendar/ics';
import type { MailInvitation } from '../../mail/mail.service';
import type { InvitationRequest } from '../../notifications/notification-mailer';
import { TutoringService } from '../tutoring.service';

/** The booker's e-mails that carry the booking's calendar invitation, and its METHOD. */
export const INVITATION_METHODS: Record<string, IcsMethod> = {
  tutoring_booked: 'REQUEST',
  tutoring_slot_changed: 'REQUEST',
  tutoring_booking_cancelled: 'CANCEL',
  tutoring_slot_cancelled: 'CANCEL',
};

/**
 * The iCalendar invitation of a booking (UID stable per booking, SEQUENCE the slot's, ORGANIZER
 * the tutor, ATTENDEE the booker), built when the e-mail is sent, from the booking as it is
 * then: an e-mail retried after a change carries the newer time and a higher SEQUENCE.
 */
@Injectable()
export class TutoringInvitations {
  private readonly publicUrl: string;

  constructor(
    private readonly tutoring: TutoringService,
    env: Environment,
  ) {
    this.publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  }

  async build(request: InvitationRequest): Promise<MailInvitation | undefined> {
    const method = INVITATION_METHODS[request.kind];
    const bookingId = request.data.bookingId;
    if (!method || typeof bookingId !== 'string') return undefined;
    const details = await this.tutoring.bookingDetails(bookingId);
    // Only the booker is invited; the tutor, who also gets some of these kinds, organises.
    if (!details || details.member.id !== request.memberId) return undefined;
    const booking = details.booking;
    if (method === 'REQUEST' && (booking.status !== 'booked' || booking.slot.status !== 'open'))
      return undefined;
    const event = tutoringBookingEvent(booking, this.publicUrl, {
      tutor: { name: details.tutor.displayName, email: details.tutor.email },
      member: { name: details.member.displayName, email: details.member.email },
    });
    return {
      method,
      content: buildCalendar('Convergo – Tutoraggio', [event], method),
      filename: method === 'CANCEL' ? 'annullamento.ics' : 'invito.ics',
    };
  }
}
