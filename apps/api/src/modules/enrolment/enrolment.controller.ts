import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LabApplicationView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateLabApplicationDto } from './dto/create-lab-application.dto';
import { DecideLabApplicationDto } from './dto/decide-lab-application.dto';
import { LabApplicationResponse } from './dto/lab-application.response';
import { EnrolmentService } from './enrolment.service';

@ApiTags('enrolment')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class EnrolmentController {
  constructor(private readonly enrolment: EnrolmentService) {}

  @Post('labs/:id/applications')
  @ApiOperation({
    summary: 'Apply for officials of an administration (its referent, admins) while the lab is open',
  })
  @ApiCreatedResponse({ type: LabApplicationResponse, description: 'The application, `pending`' })
  @ApiProblem(400, 'Invalid fields; `memberIds` not active officials of the administration')
  @ApiProblem(403, 'Not the referent of this administration: `lab_application_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(
    409,
    'Lab not open (`lab_not_open`) or an application already pending (`lab_application_pending`)',
  )
  apply(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateLabApplicationDto,
  ): Promise<LabApplicationView> {
    return this.enrolment.apply(member, id, dto);
  }

  @Get('labs/:id/applications')
  @ApiOperation({
    summary:
      'Applications to the lab, newest first: all for its tutors and admins, my administration’s otherwise',
  })
  @ApiItemsResponse(LabApplicationResponse)
  @ApiProblem(403, 'Neither a tutor of the lab nor in an administration: `lab_application_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  listForLab(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: LabApplicationView[] }> {
    return this.enrolment.listForLab(member, id);
  }

  @Get('me/applications')
  @ApiOperation({ summary: 'My administration’s applications to every lab, newest first' })
  @ApiItemsResponse(LabApplicationResponse)
  listMine(@CurrentMember() member: AuthMember): Promise<{ items: LabApplicationView[] }> {
    return this.enrolment.listMine(member);
  }

  @Post('lab-applications/:id/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Accept (the officials become participants, within capacity) or reject (tutors of the lab, admins)',
  })
  @ApiOkResponse({ type: LabApplicationResponse })
  @ApiProblem(403, 'Not a tutor of the lab: `lab_application_forbidden`')
  @ApiProblem(404, '`lab_application_not_found`')
  @ApiProblem(409, 'Already decided (`lab_application_decided`) or not enough places (`lab_full`)')
  decide(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: DecideLabApplicationDto,
  ): Promise<LabApplicationView> {
    return this.enrolment.decide(member, id, dto);
  }
}
