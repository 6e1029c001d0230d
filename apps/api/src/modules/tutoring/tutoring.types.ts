import type { TutoringBookingView, TutoringSlotView } from '@convergo/contracts';

/** One side of a booking, as reminders and e-mails address them. */
export interface Party {
  id: string;
  displayName: string;
  email: string;
  locale: string;
}

/** A booking with its slot and both parties' addresses (reminders, the confirmation e-mail). */
export interface TutoringBookingDetails {
  booking: TutoringBookingView;
  tutor: Party;
  member: Party;
}

/** A slot with the members who hold an active booking of it (the tutor's reminder). */
export interface TutoringSlotDetails {
  slot: TutoringSlotView;
  tutor: Party;
  bookerIds: string[];
}
