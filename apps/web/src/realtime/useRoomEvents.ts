import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventEnvelope, ServerEnvelope, ServerEventType } from '@convergo/contracts';
import type { ConnectionStatus, DeliveryInfo, RoomListener } from './realtime-client';
import { useRealtimeClient } from './RealtimeProvider';

export interface RoomEventsOptions {
  /** Called when events may have been missed and cannot be replayed: refetch from REST. */
  onResync?: () => void;
  /** Subscribed again and caught up after a reconnect (see RoomListener.onCaughtUp). */
  onCaughtUp?: (replayed: number) => void;
  onError?: RoomListener['onError'];
}

/**
 * Calls `handler` for each event of `room` (e.g. `member:<id>`, `thread:<id>`, `admin`),
 * once and in order, across reconnects. Pass `null` to listen to nothing.
 */
export function useRoomEvents(
  room: string | null,
  handler: (event: EventEnvelope, info: DeliveryInfo) => void,
  options: RoomEventsOptions = {},
): void {
  const client = useRealtimeClient();
  const handlerRef = useRef(handler);
  const optionsRef = useRef(options);
  useEffect(() => {
    handlerRef.current = handler;
    optionsRef.current = options;
  });

  useEffect(() => {
    if (!client || !room) return;
    return client.join(room, {
      onEvent: (event, info) => handlerRef.current(event, info),
      onResync: () => optionsRef.current.onResync?.(),
      onCaughtUp: (replayed) => optionsRef.current.onCaughtUp?.(replayed),
      onError: (error) => optionsRef.current.onError?.(error),
    });
  }, [client, room]);
}

/** Narrows an envelope to one event type of the contract's ServerEventMap. */
export function isEventOfType<K extends ServerEventType>(
  event: EventEnvelope,
  type: K,
): event is ServerEnvelope<K> {
  return event.type === type;
}

const idle = (): ConnectionStatus => 'idle';
const noop = () => () => undefined;

export function useRealtimeStatus(): ConnectionStatus {
  const client = useRealtimeClient();
  return useSyncExternalStore(client?.onStatusChange ?? noop, client?.getStatus ?? idle, idle);
}
