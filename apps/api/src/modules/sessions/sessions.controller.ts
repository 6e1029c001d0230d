import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LabSessionView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateSessionDto, SessionRangeQueryDto, UpdateSessionDto } from './dto/session.dto';
import { LabSessionResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('labs/:id/sessions')
  @ApiOperation({
    summary:
      'Schedule a session of the lab (admins, tutors of the lab); its notes document is created with it',
  })
  @ApiCreatedResponse({ type: LabSessionResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`lab_not_found`')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateSessionDto,
  ): Promise<LabSessionView> {
    return this.sessions.create(member, id, dto);
  }

  @Get('labs/:id/sessions')
  @ApiOperation({ summary: 'The lab’s sessions overlapping `from`–`to`, by start (its people, admins)' })
  @ApiItemsResponse(LabSessionResponse)
  @ApiProblem(403, 'Not in this lab: `session_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  listForLab(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: SessionRangeQueryDto,
  ): Promise<{ items: LabSessionView[] }> {
    return this.sessions.listForLab(member, id, query);
  }

  @Get('me/sessions')
  @ApiOperation({ summary: 'My calendar: the sessions of the labs I take part in or tutor, by start' })
  @ApiItemsResponse(LabSessionResponse)
  listMine(
    @CurrentMember() member: AuthMember,
    @Query() query: SessionRangeQueryDto,
  ): Promise<{ items: LabSessionView[] }> {
    return this.sessions.listMine(member, query);
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: 'One session (the lab’s people, admins)' })
  @ApiOkResponse({ type: LabSessionResponse })
  @ApiProblem(403, 'Not in this lab: `session_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<LabSessionView> {
    return this.sessions.get(member, id);
  }

  @Patch('sessions/:id')
  @ApiOperation({
    summary:
      'Change a session (admins, tutors of the lab): `session.updated` to `lab:<labId>` and `session:<id>`; ' +
      'a new time, place or mode, and a cancellation, are notified to the lab’s people',
  })
  @ApiOkResponse({ type: LabSessionResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, '`session_status_transition_not_allowed`, `session_ended`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateSessionDto,
  ): Promise<LabSessionView> {
    return this.sessions.update(member, id, dto);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a session (as `PATCH { status: "cancelled" }`); the lab’s people are told',
  })
  @ApiOkResponse({ type: LabSessionResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, '`session_status_transition_not_allowed`, `session_ended`')
  cancel(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<LabSessionView> {
    return this.sessions.cancel(member, id);
  }
}
