import type { ClientToServerEvents, ServerToClientEvents } from '@convergo/contracts';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { AuthMember } from '../auth/auth-member';

/** What the handshake leaves on every connected socket. */
export interface RealtimeSocketData {
  member: AuthMember;
  /** The sign-in session of the token (null for tokens issued without one). */
  sessionId: string | null;
  /** When the token expires (ms since the epoch): the connection is closed then unless renewed. */
  tokenExpiresAt: number;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  DefaultEventsMap,
  RealtimeSocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  DefaultEventsMap,
  RealtimeSocketData
>;
