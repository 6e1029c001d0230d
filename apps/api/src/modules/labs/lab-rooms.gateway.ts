import { Logger } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import type { AuthMember } from '../auth/auth-member';
import { memberRoom, REALTIME_GATEWAY_OPTIONS, type RealtimeServer } from '../realtime/realtime.gateway';
import { parseRoom, RoomAuthorizer } from '../realtime/room-authorizer';

const LAB_KINDS = new Set(['lab', 'lab_group']);

/**
 * Joining a lab room is checked once, at `subscribe`; when a member leaves a lab (or a working
 * group), the sockets that may no longer read a lab or group room are made to leave it.
 * Runs on the one socket.io server (same options as RealtimeGateway), on every instance.
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class LabRoomsGateway {
  private readonly logger = new Logger(LabRoomsGateway.name);

  @WebSocketServer()
  private server: RealtimeServer;

  constructor(private readonly rooms: RoomAuthorizer) {}

  /** After a member lost a role in a lab: re-checks the lab rooms of their sockets. */
  revalidateMember(memberId: string): void {
    void (async () => {
      const sockets = await this.server.in(memberRoom(memberId)).fetchSockets();
      for (const socket of sockets) {
        const member: AuthMember | undefined = socket.data.member;
        if (!member) continue;
        for (const room of socket.rooms) {
          const parsed = parseRoom(room);
          if (!parsed || !LAB_KINDS.has(parsed.kind)) continue;
          if ((await this.rooms.check(member, room)) !== 'ok') socket.leave(room);
        }
      }
    })().catch((error: unknown) => this.logger.error({ err: error }, 'could not re-check lab rooms'));
  }
}
