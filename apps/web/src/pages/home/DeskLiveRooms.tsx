import { RoomListener } from '../moderation/RoomListener';
import { useDeskRefetch } from './useLiveDesk';

/**
 * Follows the rooms the desk names (the member's own, their labs', `moderation`, `admin`, the
 * programme's) and fetches the desk again after any of their events, or a missed stretch of them.
 */
export function DeskLiveRooms({ rooms }: { rooms: readonly string[] }) {
  const refetch = useDeskRefetch();
  return (
    <>
      {rooms.map((room) => (
        <RoomListener key={room} room={room} onEvent={refetch} onResync={refetch} />
      ))}
    </>
  );
}
