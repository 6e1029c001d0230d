import type { EventEnvelope } from '@convergo/contracts';
import { useRoomEvents } from '../../realtime/useRoomEvents';

/** One live room, as a component: a page that follows a list of rooms renders one per room. */
export function RoomListener({
  room,
  onEvent,
  onResync,
}: {
  room: string;
  onEvent(event: EventEnvelope): void;
  onResync(): void;
}) {
  useRoomEvents(room, onEvent, { onResync, onCaughtUp: onResync });
  return null;
}
