import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MutedThreadView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { MutedThreadResponse } from './dto/thread.response';
import { ThreadsService } from './threads.service';

/**
 * The e-mail preferences page lists the muted threads so they can be unmuted
 * (`DELETE /threads/:id/subscription`). Only threads whose space the member still reads are
 * listed, by the spaces' own reading rule (lab and coaching spaces included).
 */
@ApiTags('notifications')
@ApiAuthenticated()
@Controller('me/muted-threads')
export class MutedThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get()
  @ApiOperation({ summary: 'Threads I muted, newest first (unmute with DELETE /threads/:id/subscription)' })
  @ApiItemsResponse(MutedThreadResponse)
  async list(@CurrentMember() member: AuthMember): Promise<{ items: MutedThreadView[] }> {
    return { items: await this.threads.mutedThreads(member) };
  }
}
