import { useCallback, useEffect, useRef, useState } from 'react';
import {
  THREAD_CLIENT_EVENTS,
  type MemberRef,
  type PresenceSignal,
  type TypingSignal,
} from '@convergo/contracts';
import { useRealtimeClient } from './RealtimeProvider';

/** A typing signal counts for this long unless renewed (the server relays one a second). */
const TYPING_TTL_MS = 5_000;
/** The client sends `thread:typing` at most this often. */
const TYPING_SEND_MS = 1_000;

function isSignal(value: unknown, threadId: string): value is TypingSignal | PresenceSignal {
  if (typeof value !== 'object' || value === null) return false;
  const data = (value as { data?: { threadId?: unknown; member?: { id?: unknown } } }).data;
  return data?.threadId === threadId && typeof data.member?.id === 'string';
}

export interface ThreadSignals {
  /** Other members with the thread open (never the asker). */
  readers: MemberRef[];
  /** Other members typing a reply now. */
  typing: MemberRef[];
  /** Call on each keystroke of the reply: sends `thread:typing` at most once a second. */
  notifyTyping(): void;
  /** Call when the reply was sent or abandoned. */
  stopTyping(): void;
  /** Call once `thread:<id>` is subscribed (again): says the asker is reading. */
  announceReading(): void;
  /** A post by this member arrived: they are no longer typing it. */
  postedBy(memberId: string): void;
}

/**
 * The ephemeral signals of a thread room: who reads it, who is typing. Nothing is stored;
 * a member who opens the thread after others learns of them when they answer its
 * `presence` with their own.
 */
export function useThreadSignals(threadId: string, myId: string | null): ThreadSignals {
  const client = useRealtimeClient();
  const [readers, setReaders] = useState<MemberRef[]>([]);
  const [typing, setTyping] = useState<{ member: MemberRef; until: number }[]>([]);
  const lastSent = useRef(0);

  const announceReading = useCallback(() => {
    client?.signal(THREAD_CLIENT_EVENTS.reading, { threadId, reading: true });
  }, [client, threadId]);

  useEffect(() => {
    if (!client) return;
    const known = new Set<string>();
    const offTyping = client.onSignal('typing', (payload) => {
      if (!isSignal(payload, threadId) || payload.type !== 'typing') return;
      const { member, typing: on } = payload.data;
      if (member.id === myId) return;
      setTyping((list) => {
        const rest = list.filter((entry) => entry.member.id !== member.id);
        return on ? [...rest, { member, until: Date.now() + TYPING_TTL_MS }] : rest;
      });
    });
    const offPresence = client.onSignal('presence', (payload) => {
      if (!isSignal(payload, threadId) || payload.type !== 'presence') return;
      const { member, state } = payload.data;
      if (member.id === myId) return;
      if (state === 'left') {
        known.delete(member.id);
        setReaders((list) => list.filter((m) => m.id !== member.id));
        setTyping((list) => list.filter((entry) => entry.member.id !== member.id));
        return;
      }
      if (known.has(member.id)) return;
      known.add(member.id);
      // Someone new: tell them we are here too (they answer once, as we are new to them).
      client.signal(THREAD_CLIENT_EVENTS.reading, { threadId, reading: true });
      setReaders((list) => [...list.filter((m) => m.id !== member.id), member]);
    });
    return () => {
      offTyping();
      offPresence();
      client.signal(THREAD_CLIENT_EVENTS.reading, { threadId, reading: false });
      setReaders([]);
      setTyping([]);
    };
  }, [client, threadId, myId]);

  // Typing signals expire unless renewed.
  useEffect(() => {
    if (typing.length === 0) return;
    const next = Math.min(...typing.map((entry) => entry.until));
    const timer = window.setTimeout(
      () => setTyping((list) => list.filter((entry) => entry.until > Date.now())),
      Math.max(50, next - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [typing]);

  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_SEND_MS) return;
    lastSent.current = now;
    client?.signal(THREAD_CLIENT_EVENTS.typing, { threadId, typing: true });
  }, [client, threadId]);

  const stopTyping = useCallback(() => {
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    client?.signal(THREAD_CLIENT_EVENTS.typing, { threadId, typing: false });
  }, [client, threadId]);

  const postedBy = useCallback((memberId: string) => {
    setTyping((list) => list.filter((entry) => entry.member.id !== memberId));
  }, []);

  return {
    readers,
    typing: typing.map((entry) => entry.member),
    notifyTyping,
    stopTyping,
    announceReading,
    postedBy,
  };
}
