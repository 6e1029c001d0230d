import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  roomName,
  TUTORING_CLIENT_EVENTS,
  type MemberRef,
  type TutoringJoinAck,
  type TutoringMessageView,
  type TutoringPresenceSignal,
} from '@convergo/contracts';
import { useRealtimeClient } from '../../realtime/RealtimeProvider';
import { isEventOfType, useRealtimeStatus, useRoomEvents } from '../../realtime/useRoomEvents';
import { appendChatLines } from '../live/chat-lines';
import { tutoringKeys } from './tutoring-api';
import { foldSlot } from './tutoring-cache';

const ACK_TIMEOUT_MS = 10_000;

/** Why the room could not be entered: the join's error code, or `unavailable` (no answer). */
export type MeetingProblem = Extract<TutoringJoinAck, { ok: false }>['error']['code'] | 'unavailable';

export interface TutoringMeeting {
  /** Who is in the room now (null until the first join answers). */
  present: MemberRef[] | null;
  problem: MeetingProblem | null;
  rejoin(): void;
}

function presenceFor(payload: unknown, slotId: string): MemberRef[] | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const data = (payload as Partial<TutoringPresenceSignal>).data;
  return data?.slotId === slotId && Array.isArray(data.present) ? data.present : null;
}

/**
 * The slot's meeting room over the tab's socket: `tutoring:join` whenever the connection is (re)made
 * (the acknowledgement carries who is present and the newest lines, so a reconnect loses nothing
 * of the ephemeral presence), `tutoring.presence` signals, `tutoring.message` events of
 * `tutoring_slot:<id>` folded into the chat's cache, and `tutoring:leave` when the page goes away.
 */
export function useTutoringMeeting(
  slotId: string,
  onMessage?: (message: TutoringMessageView) => void,
): TutoringMeeting {
  const client = useRealtimeClient();
  const status = useRealtimeStatus();
  const queryClient = useQueryClient();
  const [present, setPresent] = useState<MemberRef[] | null>(null);
  const [problem, setProblem] = useState<MeetingProblem | null>(null);
  const onMessageRef = useRef(onMessage);
  useEffect(() => {
    onMessageRef.current = onMessage;
  });

  const join = useCallback(() => {
    const socket = client?.getSocket();
    if (!socket?.connected) return;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(TUTORING_CLIENT_EVENTS.join, { slotId })
      .then(
        (ack: TutoringJoinAck) => {
          if (ack.ok) {
            setProblem(null);
            setPresent(ack.state.present);
            foldSlot(queryClient, ack.state.slot);
            appendChatLines(queryClient, tutoringKeys.meetingMessages(slotId), ack.state.messages);
          } else setProblem(ack.error.code);
        },
        () => setProblem('unavailable'),
      );
  }, [client, slotId, queryClient]);

  // On mount, and again after every reconnect.
  useEffect(() => {
    if (status === 'connected') join();
  }, [status, join]);

  useRoomEvents(
    roomName('tutoring_slot', slotId),
    (event) => {
      if (!isEventOfType(event, 'tutoring.message')) return;
      appendChatLines(queryClient, tutoringKeys.meetingMessages(slotId), [event.data]);
      onMessageRef.current?.(event.data);
    },
    {
      // Events may have been missed: the chat is read again and the room joined again.
      onResync: () => {
        join();
        void queryClient.invalidateQueries({ queryKey: tutoringKeys.meetingMessages(slotId) });
      },
    },
  );

  useEffect(() => {
    if (!client) return;
    const off = client.onSignal('tutoring.presence', (payload) => {
      const list = presenceFor(payload, slotId);
      if (list) setPresent(list);
    });
    return () => {
      off();
      const socket = client.getSocket();
      if (socket?.connected)
        socket.timeout(ACK_TIMEOUT_MS).emit(TUTORING_CLIENT_EVENTS.leave, { slotId }, () => undefined);
    };
  }, [client, slotId]);

  return { present, problem, rejoin: join };
}
