import { Logger } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import type { AuthMember } from '../auth/auth-member';
import { memberRoom, REALTIME_GATEWAY_OPTIONS, type RealtimeServer } from '../realtime/realtime.gateway';
import { parseRoom, RoomAuthorizer } from '../realtime/room-authorizer';

const COMMUNITY_KINDS = new Set(['space', 'thread', 'moderation_space']);

/**
 * Keeps socket rooms in step with space access. Joining a room is checked once, at `subscribe`;
 * when access narrows (a member removed from a private space, a public space made private),
 * the sockets that may no longer read a space, thread or space-moderation room are made to leave it.
 * Runs on the one socket.io server (same options as RealtimeGateway), on every instance.
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class SpaceRoomsGateway {
  private readonly logger = new Logger(SpaceRoomsGateway.name);

  @WebSocketServer()
  private server: RealtimeServer;

  constructor(private readonly rooms: RoomAuthorizer) {}

  /** After a member lost a role: re-checks the community rooms of their sockets. */
  revalidateMember(memberId: string): void {
    this.run(() => this.server.in(memberRoom(memberId)).fetchSockets());
  }

  /** After a space became private: re-checks every socket following a community room. */
  revalidateSpace(spaceId: string): void {
    this.logger.debug({ spaceId }, 'space access narrowed: re-checking community rooms');
    this.run(() => this.server.fetchSockets());
  }

  private run(find: () => Promise<Awaited<ReturnType<RealtimeServer['fetchSockets']>>>): void {
    void (async () => {
      const sockets = await find();
      const verdicts = new Map<string, Promise<string>>();
      for (const socket of sockets) {
        const member: AuthMember | undefined = socket.data.member;
        if (!member) continue;
        for (const room of socket.rooms) {
          const parsed = parseRoom(room);
          if (!parsed || !COMMUNITY_KINDS.has(parsed.kind)) continue;
          const key = `${member.id} ${room}`;
          if (!verdicts.has(key)) verdicts.set(key, this.rooms.check(member, room));
          if ((await verdicts.get(key)) !== 'ok') socket.leave(room);
        }
      }
    })().catch((error: unknown) => this.logger.error({ err: error }, 'could not re-check rooms'));
  }
}
