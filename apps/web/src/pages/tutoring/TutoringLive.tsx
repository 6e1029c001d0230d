import { useQueryClient } from '@tanstack/react-query';
import { roomName, type EventEnvelope, type TutoringBookingView } from '@convergo/contracts';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { tutoringKeys } from './tutoring-api';
import { foldBooking, foldSlot } from './tutoring-cache';

/** Folds one tutoring event into the caches (other events of the room are left to their pages). */
function useFoldTutoringEvent(memberId: string, onBookingOfMine?: (booking: TutoringBookingView) => void) {
  const client = useQueryClient();
  return (event: EventEnvelope) => {
    if (isEventOfType(event, 'tutoring.slot_created')) {
      // Which lists a new slot belongs to (filters, order, pages) is the server's call.
      void client.invalidateQueries({ queryKey: tutoringKeys.slots });
      void client.invalidateQueries({ queryKey: tutoringKeys.tutors });
    } else if (isEventOfType(event, 'tutoring.slot_updated')) {
      foldSlot(client, event.data);
      if (event.data.status === 'cancelled')
        void client.invalidateQueries({ queryKey: tutoringKeys.myBookings });
    } else if (
      isEventOfType(event, 'tutoring.booking_created') ||
      isEventOfType(event, 'tutoring.booking_cancelled')
    ) {
      foldBooking(client, event.data, memberId);
      const booking = event.data;
      // Only what someone else did: the tutor's own cancellations are confirmed where they clicked.
      const byOther = booking.status === 'booked' || booking.cancelledBy === 'member';
      if (booking.slot.tutor.id === memberId && booking.member.id !== memberId && byOther)
        onBookingOfMine?.(booking);
    }
  };
}

interface RoomsProps {
  memberId: string;
  /** A booking of one of the member's slots was made, or cancelled by its booker (to announce it). */
  onBookingOfMine?: (booking: TutoringBookingView) => void;
}

function TutoringRoom({ room, memberId, onBookingOfMine }: RoomsProps & { room: string }) {
  const client = useQueryClient();
  const fold = useFoldTutoringEvent(memberId, onBookingOfMine);
  useRoomEvents(room, fold, {
    // Events may have been missed (first subscription, a drop without history): read again.
    onResync: () => void client.invalidateQueries({ queryKey: ['tutoring'] }),
  });
  return null;
}

/**
 * The rooms that carry tutoring news for this member: `tutoring` (slots open to all), the
 * `lab:<id>` rooms of their labs (those labs' slots) and their own `member:<id>` (bookings of
 * their slots and their own bookings). Renders nothing.
 */
export function TutoringLiveRooms({
  memberId,
  labIds,
  onBookingOfMine,
}: RoomsProps & { labIds: readonly string[] }) {
  const rooms = ['tutoring', roomName('member', memberId), ...labIds.map((id) => roomName('lab', id))];
  return (
    <>
      {rooms.map((room) => (
        <TutoringRoom key={room} room={room} memberId={memberId} onBookingOfMine={onBookingOfMine} />
      ))}
    </>
  );
}
