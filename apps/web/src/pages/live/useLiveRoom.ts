import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  LIVE_CLIENT_EVENTS,
  roomName,
  type EventEnvelope,
  type SessionHandAck,
  type SessionHandsSignal,
  type SessionJoinAck,
  type SessionPresenceSignal,
} from '@convergo/contracts';
import { useRealtimeClient } from '../../realtime/RealtimeProvider';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { foldSession } from '../labs/useLabLiveUpdates';
import { appendChatLines } from './chat-lines';
import { liveKeys } from './live-api';
import { INITIAL_LIVE_ROOM, liveRoomReducer, type LiveRoomAction, type LiveRoomModel } from './live-state';

const ACK_TIMEOUT_MS = 10_000;

function signalFor<T extends SessionPresenceSignal | SessionHandsSignal>(
  payload: unknown,
  sessionId: string,
): T | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const data = (payload as { data?: { sessionId?: unknown } }).data;
  return data?.sessionId === sessionId ? (payload as T) : null;
}

export interface LiveRoom extends LiveRoomModel {
  dispatch: Dispatch<LiveRoomAction>;
  /** Asks for the whole state again (after a failed join). */
  rejoin(): void;
  /** Raises or lowers a hand (one's own, or anyone's for a tutor with `memberId`). */
  setHand(raised: boolean, memberId?: string): Promise<SessionHandAck>;
}

/**
 * The live room of a session over the tab's socket. It listens to `session:<id>` (stored
 * events, caught up after a drop) and, each time that subscription is (re)made, sends
 * `session:join`: the acknowledgement carries the whole room, so a reconnect loses nothing of
 * the ephemeral presence and hands either. `session:leave` when the page goes away.
 * `onEvent` hears each stored event folded in (for the page's live announcements).
 */
export function useLiveRoom(sessionId: string, onEvent?: (event: EventEnvelope) => void): LiveRoom {
  const client = useRealtimeClient();
  const queryClient = useQueryClient();
  const [model, dispatch] = useReducer(liveRoomReducer, INITIAL_LIVE_ROOM);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  const join = useCallback(() => {
    const socket = client?.getSocket();
    if (!socket?.connected) return;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(LIVE_CLIENT_EVENTS.join, { sessionId })
      .then(
        (ack: SessionJoinAck) => {
          if (ack.ok) {
            dispatch({ type: 'joined', state: ack.state });
            foldSession(queryClient, ack.state.session);
          } else dispatch({ type: 'failed', problem: ack.error.code });
        },
        () => dispatch({ type: 'failed', problem: 'unavailable' }),
      );
  }, [client, sessionId, queryClient]);

  useRoomEvents(
    roomName('session', sessionId),
    (event) => {
      if (isEventOfType(event, 'session.agenda_step')) dispatch({ type: 'step', step: event.data.step });
      else if (isEventOfType(event, 'session.timer')) dispatch({ type: 'timer', endsAt: event.data.endsAt });
      else if (isEventOfType(event, 'poll.created') || isEventOfType(event, 'poll.updated'))
        dispatch({ type: 'poll', poll: event.data });
      else if (isEventOfType(event, 'session.updated')) {
        dispatch({ type: 'session', session: event.data });
        foldSession(queryClient, event.data);
      } else if (isEventOfType(event, 'session.message')) {
        appendChatLines(queryClient, liveKeys.messages(sessionId), [event.data]);
      } else return;
      onEventRef.current?.(event);
    },
    {
      // Subscribed for the first time, or again after a drop: the acknowledgement of a fresh
      // join is newer than anything replayed, and the chat is read again.
      onResync: () => {
        join();
        void queryClient.invalidateQueries({ queryKey: liveKeys.messages(sessionId) });
      },
      onCaughtUp: () => join(),
      onError: (error) => dispatch({ type: 'failed', problem: error.code }),
    },
  );

  useEffect(() => {
    if (!client) return;
    const offPresence = client.onSignal('session.presence', (payload) => {
      const signal = signalFor<SessionPresenceSignal>(payload, sessionId);
      if (signal) dispatch({ type: 'presence', present: signal.data.present });
    });
    const offHands = client.onSignal('session.hands', (payload) => {
      const signal = signalFor<SessionHandsSignal>(payload, sessionId);
      if (signal) dispatch({ type: 'hands', hands: signal.data.hands });
    });
    return () => {
      offPresence();
      offHands();
      const socket = client.getSocket();
      if (socket?.connected)
        socket.timeout(ACK_TIMEOUT_MS).emit(LIVE_CLIENT_EVENTS.leave, { sessionId }, () => undefined);
    };
  }, [client, sessionId]);

  const setHand = useCallback(
    async (raised: boolean, memberId?: string): Promise<SessionHandAck> => {
      const socket = client?.getSocket();
      if (!socket?.connected)
        return { ok: false, error: { code: 'invalid', message: 'disconnected' } } as SessionHandAck;
      const ack = (await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(LIVE_CLIENT_EVENTS.hand, { sessionId, raised, ...(memberId ? { memberId } : {}) })
        .catch(() => null)) as SessionHandAck | null;
      if (!ack) return { ok: false, error: { code: 'invalid', message: 'timeout' } };
      if (ack.ok) dispatch({ type: 'hands', hands: ack.hands });
      return ack;
    },
    [client, sessionId],
  );

  return { ...model, dispatch, rejoin: join, setHand };
}
