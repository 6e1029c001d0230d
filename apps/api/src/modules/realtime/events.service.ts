import { Injectable } from '@nestjs/common';
import type { CatchUpResult } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { EventRepository } from './event.repository';
import { RealtimeException } from './realtime.exception';
import { RoomAuthorizer } from './room-authorizer';

@Injectable()
export class EventsService {
  constructor(
    private readonly rooms: RoomAuthorizer,
    private readonly events: EventRepository,
  ) {}

  /**
   * A room's committed events after `after`, oldest first, under the same policy as `subscribe`.
   * Ids follow commit order (see EventRepository.append), so paging with the last id never skips.
   */
  async catchUp(member: AuthMember, room: string, after: string, limit: number): Promise<CatchUpResult> {
    const verdict = await this.rooms.check(member, room);
    if (verdict === 'invalid') throw RealtimeException.invalidRoom(room);
    if (verdict === 'forbidden') throw RealtimeException.roomForbidden(room);
    if (verdict === 'not_found') throw RealtimeException.roomNotFound(room);
    return { items: await this.events.findAfter(room, after, limit) };
  }
}
