import type { MemberView } from './members';

/** Every server-to-client realtime payload. `id` grows in commit order within `room`. */
export interface EventEnvelope<T = unknown, K extends string = string> {
  id: string;
  type: K;
  room: string;
  at: string;
  data: T;
}

export const ROOM_KINDS = ['member', 'space', 'thread', 'doc', 'lab', 'session', 'moderation', 'admin'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** The data carried by each server-to-client event type; the web app and tests import it. */
export interface ServerEventMap {
  'member.updated': MemberView;
  'access_request.created': { id: string; email: string; displayName: string };
}
export type ServerEventType = keyof ServerEventMap;

export type RealtimeErrorCode = 'forbidden' | 'not_found' | 'invalid';

export type SubscribeAck = { ok: true } | { ok: false; error: { code: RealtimeErrorCode; message: string } };

export const CLIENT_EVENTS = { subscribe: 'subscribe', unsubscribe: 'unsubscribe' } as const;
