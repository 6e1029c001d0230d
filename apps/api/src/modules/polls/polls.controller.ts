import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PollListView, PollView } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreatePollDto } from './dto/create-poll.dto';
import { PollListResponse, PollResponse } from './dto/poll.response';
import { VoteDto } from './dto/vote.dto';
import { PollsService } from './polls.service';

@ApiTags('polls')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @Post('sessions/:id/polls')
  @ApiOperation({
    summary:
      'Ask a quick poll in a live session (tutors of the lab, admins); `poll.created` to `session:<id>`',
  })
  @ApiCreatedResponse({ type: PollResponse, description: 'The poll, `open`, with no votes' })
  @ApiProblem(400, 'Invalid fields: 2 to 10 different, non-blank options')
  @ApiProblem(403, 'Not a tutor of this lab: `poll_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'Session cancelled or ended: `session_closed`; too many polls: `poll_limit_reached`')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreatePollDto,
  ): Promise<PollView> {
    return this.polls.create(member, id, dto);
  }

  @Get('sessions/:id/polls')
  @ApiOperation({
    summary:
      'The session’s polls, newest first, with counts only, and the asker’s own vote per poll (`myVotes`)',
  })
  @ApiOkResponse({ type: PollListResponse })
  @ApiProblem(403, 'Not in this lab: `poll_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  list(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PollListView> {
    return this.polls.list(member, id);
  }

  @Post('polls/:id/votes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Vote (participants of the lab): one vote per member, a new one replaces it; `poll.updated` carries counts only',
  })
  @ApiOkResponse({ type: PollResponse, description: 'The poll with the counts after this vote' })
  @ApiProblem(400, '`option` is not the index of one of the poll’s options')
  @ApiProblem(403, 'Not a participant of this lab (tutors do not vote): `poll_forbidden`')
  @ApiProblem(404, '`poll_not_found`')
  @ApiProblem(409, '`poll_closed`, or the session is cancelled or ended: `session_closed`')
  @ApiProblem(429, 'Too many votes in a minute: `rate_limited`')
  vote(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: VoteDto,
  ): Promise<PollView> {
    return this.polls.vote(member, id, dto);
  }

  @Post('polls/:id/close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Close the poll (tutors of the lab, admins): counts become final; closing it again changes nothing',
  })
  @ApiOkResponse({ type: PollResponse, description: 'The poll, `closed`' })
  @ApiProblem(403, 'Not a tutor of this lab: `poll_forbidden`')
  @ApiProblem(404, '`poll_not_found`')
  close(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PollView> {
    return this.polls.close(member, id);
  }
}
