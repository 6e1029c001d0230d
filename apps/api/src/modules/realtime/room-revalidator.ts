import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { roomName } from '@convergo/contracts';
import type { AccessNarrowedEvent, RoomsNarrowedEvent } from '../../common/domain-events/domain-event-map';
import type { AuthMember } from '../auth/auth-member';
import type { RealtimeServer, RealtimeSocket } from './realtime-socket';
import { parseRoom, RoomAuthorizer } from './room-authorizer';
import { SocketDispatcher } from './socket-dispatcher';

type RemoteSockets = Awaited<ReturnType<RealtimeServer['fetchSockets']>>;

/**
 * Keeps socket rooms in step with access. Joining a room is checked once, at `subscribe`; when
 * a capability says access narrowed (domain events `access.narrowed`, `rooms.narrowed`), the
 * affected sockets — found through the member's own room or the narrowed rooms, never the
 * whole cluster — leave every room the room policy no longer lets them read.
 */
@Injectable()
export class RoomRevalidator {
  private readonly logger = new Logger(RoomRevalidator.name);

  constructor(
    private readonly rooms: RoomAuthorizer,
    private readonly sockets: SocketDispatcher,
  ) {}

  @OnEvent('access.narrowed')
  async memberNarrowed({ memberId }: AccessNarrowedEvent): Promise<void> {
    await this.revalidate(() => this.sockets.server.in(roomName('member', memberId)).fetchSockets());
  }

  @OnEvent('rooms.narrowed')
  async roomsNarrowed({ rooms }: RoomsNarrowedEvent): Promise<void> {
    if (rooms.length > 0) await this.revalidate(() => this.sockets.server.in(rooms).fetchSockets());
  }

  private async revalidate(find: () => Promise<RemoteSockets>): Promise<void> {
    try {
      const sockets = await find();
      const verdicts = new Map<string, Promise<string>>();
      for (const socket of sockets) await this.recheck(socket, verdicts);
    } catch (error) {
      this.logger.error({ err: error }, 'could not re-check rooms');
    }
  }

  private async recheck(
    socket: RemoteSockets[number] | RealtimeSocket,
    verdicts: Map<string, Promise<string>>,
  ): Promise<void> {
    const member: AuthMember | undefined = socket.data.member;
    if (!member) return;
    for (const room of socket.rooms) {
      const parsed = parseRoom(room);
      if (!parsed || parsed.kind === 'member') continue;
      const key = `${member.id} ${room}`;
      if (!verdicts.has(key)) verdicts.set(key, this.rooms.check(member, room));
      if ((await verdicts.get(key)) !== 'ok') await socket.leave(room);
    }
  }
}
