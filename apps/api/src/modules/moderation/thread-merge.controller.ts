import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ThreadMergeView } from '@convergo/contracts';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { ModerationService } from './moderation.service';

/**
 * A merged thread stays as a locked, empty stub: readers of the stub ask here where its posts went
 * (the web app follows the link). Lives with moderation, which owns merging.
 */
@ApiTags('moderation')
@ApiBearerAuth()
@Controller('threads')
export class ThreadMergeController {
  constructor(private readonly moderation: ModerationService) {}

  @Get(':id/merge')
  @ApiOperation({ summary: 'Where a merged thread went (readers of the thread); target null if unreadable' })
  @ApiNotFoundResponse({ description: '`thread_not_found`, or `thread_not_merged` when it was not merged' })
  mergedInto(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<ThreadMergeView> {
    return this.moderation.mergedInto(member, id);
  }
}
