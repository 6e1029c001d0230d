import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CoachingThreadView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CurrentMember } from '../../auth/current-member.decorator';
import { CoachingService } from './coaching.service';
import { CoachingThreadsQueryDto } from './dto/coaching-query.dto';
import { CoachingThreadResponse } from './dto/coaching.response';

@ApiTags('tutoring')
@Controller()
@ApiAuthenticated()
export class CoachingController {
  constructor(private readonly coaching: CoachingService) {}

  @Get('lab-groups/:id/coaching-thread')
  @ApiOperation({
    summary: "The working group's private coaching thread with its lab's tutors (opened on first use)",
    description: 'Posts are read and written with the /threads/:id endpoints.',
  })
  @ApiOkResponse({ type: CoachingThreadResponse })
  @ApiProblem(403, '`coaching_forbidden`: not in the group, not a tutor of its lab')
  @ApiProblem(404, '`lab_group_not_found`')
  threadOfGroup(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<CoachingThreadView> {
    return this.coaching.threadOfGroup(member, id);
  }

  @Get('tutoring/coaching-threads')
  @ApiOperation({ summary: 'My coaching threads with unread markers, latest activity first' })
  @ApiPageResponse(CoachingThreadResponse)
  @ApiProblem(400)
  list(
    @CurrentMember() member: AuthMember,
    @Query() query: CoachingThreadsQueryDto,
  ): Promise<Page<CoachingThreadView>> {
    return this.coaching.list(member, query);
  }
}
