import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CatchUpResult } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CatchUpQueryDto } from './dto/catch-up-query.dto';
import { EventsService } from './events.service';
import { EventEnvelopeResponse } from './dto/event-envelope.response';

@ApiTags('realtime')
@ApiAuthenticated()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: "A room's events after an id, oldest first",
    description:
      'Catch-up for realtime clients: after a reconnect, ask with the id of the last envelope received and ' +
      'page with the last id returned until fewer than `limit` come back. 400 for a malformed or unknown ' +
      'room, 403 when the member may not read it, 404 when it does not exist.',
  })
  @ApiItemsResponse(EventEnvelopeResponse, '`{ items: [{ id, type, room, at, data }] }`')
  catchUp(@CurrentMember() member: AuthMember, @Query() query: CatchUpQueryDto): Promise<CatchUpResult> {
    return this.events.catchUp(member, query.room, query.after, query.limit);
  }
}
