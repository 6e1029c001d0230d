import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { ThreadMergeView } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { ModerationService } from './moderation.service';
import { ThreadMergeResponse } from './dto/moderation.response';

/**
 * A merged thread stays as a locked, empty stub: readers of the stub ask here where its posts went
 * (the web app follows the link). Lives with moderation, which owns merging.
 */
@ApiTags('moderation')
@ApiAuthenticated()
@Controller('threads')
export class ThreadMergeController {
  constructor(private readonly moderation: ModerationService) {}

  @Get(':id/merge')
  @ApiOperation({ summary: 'Where a merged thread went (readers of the thread); target null if unreadable' })
  @ApiOkResponse({ type: ThreadMergeResponse })
  @ApiProblem(404, '`thread_not_found`, or `thread_not_merged` when it was not merged')
  mergedInto(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<ThreadMergeView> {
    return this.moderation.mergedInto(member, id);
  }
}
