import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LabSessionView, TimerEvent } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { LabSessionResponse } from '../sessions/dto/session.response';
import { AgendaStepDto, TimerDto } from './dto/live-room.dto';
import { TimerResponse } from './dto/timer.response';
import { LiveRoomService } from './live-room.service';

@ApiTags('live room')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class LiveRoomController {
  constructor(private readonly live: LiveRoomService) {}

  @Post('sessions/:id/agenda-step')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Move the live room to an agenda item (tutors of the lab, admins): `session.agenda_step` to `session:<id>`, ' +
      '`session.updated` to `lab:<labId>` and `session:<id>`',
  })
  @ApiOkResponse({ type: LabSessionResponse, description: 'The session with its new `currentStep`' })
  @ApiProblem(400, '`step` is not an index of the agenda')
  @ApiProblem(403, 'Not in this lab (`session_forbidden`) or not a tutor of it (`live_lead_forbidden`)')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'The session is cancelled or ended: `session_closed`')
  agendaStep(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: AgendaStepDto,
  ): Promise<LabSessionView> {
    return this.live.setAgendaStep(member, id, dto.step);
  }

  @Post('sessions/:id/timer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Start the live room’s countdown, or clear it with 0 seconds (tutors of the lab, admins): `session.timer` to `session:<id>`',
  })
  @ApiOkResponse({ type: TimerResponse })
  @ApiProblem(403, 'Not in this lab (`session_forbidden`) or not a tutor of it (`live_lead_forbidden`)')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'The session is cancelled or ended: `session_closed`')
  timer(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: TimerDto,
  ): Promise<TimerEvent> {
    return this.live.setTimer(member, id, dto.seconds);
  }
}
