import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AttendanceChangeView,
  AttendanceConfirmation,
  AttendanceRow,
  CheckInCodeView,
  MyAttendanceRow,
  MyAttendanceView,
  SessionAttendanceView,
} from '@convergo/contracts';
import type { FastifyReply } from 'fastify';
import { ApiAuthenticated, ApiFileResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { exportFileName, toCsv, toXlsx } from './attendance-export';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceService } from './attendance.service';
import { CheckInService } from './check-in.service';
import { CheckInDto } from './dto/check-in.dto';
import {
  AttendanceConfirmationResponse,
  AttendanceLogResponse,
  AttendanceRowResponse,
  CheckInCodeResponse,
  MyAttendanceResponse,
  MyAttendanceRowResponse,
  SessionAttendanceResponse,
} from './dto/attendance.response';
import { UpdateAttendanceDto } from './dto/update-attendance.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('attendance')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly checkIns: CheckInService,
    private readonly reports: AttendanceReportsService,
  ) {}

  @Post('sessions/:id/check-in-code')
  @ApiOperation({
    summary:
      'A new check-in code for the QR shown in the room (tutors of the lab, admins); valid ~60 s, ' +
      'earlier codes stay valid until they expire',
  })
  @ApiCreatedResponse({ type: CheckInCodeResponse })
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'The session is ended or cancelled: `attendance_session_not_open`')
  issueCode(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<CheckInCodeView> {
    return this.checkIns.issueCheckInCode(member, id);
  }

  @Post('sessions/:id/check-in')
  @ApiOperation({
    summary:
      'Check in at the venue with the code of the QR (participants of the lab): opens an in-presence stay; ' +
      '200 when already checked in',
  })
  @ApiCreatedResponse({ type: MyAttendanceRowResponse, description: 'Checked in' })
  @ApiOkResponse({ type: MyAttendanceRowResponse, description: 'Already checked in' })
  @ApiProblem(403, 'Not a participant of this lab: `attendance_check_in_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'The session is ended or cancelled: `attendance_session_not_open`')
  @ApiProblem(422, 'Wrong or expired code: `check_in_code_invalid`')
  @ApiProblem(429, 'Too many attempts: `rate_limited`')
  async checkIn(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CheckInDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<MyAttendanceRow> {
    const { row, created } = await this.checkIns.checkIn(member, id, dto.code);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return row;
  }

  @Post('sessions/:id/check-out')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check out of the venue: closes the asker’s in-presence stay' })
  @ApiOkResponse({ type: MyAttendanceRowResponse })
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'Not checked in: `attendance_not_checked_in`')
  checkOut(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<MyAttendanceRow> {
    return this.checkIns.checkOut(member, id);
  }

  @Get('sessions/:id/attendance')
  @ApiOperation({
    summary:
      'The session’s register (tutors of the lab, admins): a row per participant who attended, ' +
      'the absentees (enrolled when it began), the confirmation',
  })
  @ApiOkResponse({ type: SessionAttendanceResponse })
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  get(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<SessionAttendanceView> {
    return this.attendance.get(member, id);
  }

  @Get('sessions/:id/attendance/log')
  @ApiOperation({ summary: 'Changes made to the register after its confirmation, oldest first' })
  @ApiOkResponse({ type: AttendanceLogResponse })
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  log(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: AttendanceChangeView[] }> {
    return this.attendance.log(member, id);
  }

  @Put('sessions/:id/attendance/:memberId')
  @ApiOperation({
    summary:
      'Set a participant’s row (tutors of the lab, admins): it overrides what the stays say; after ' +
      'confirmation a `note` is required and the change is logged',
  })
  @ApiOkResponse({ type: AttendanceRowResponse })
  @ApiProblem(400, 'Invalid fields; minutes beyond the session’s length; `attendance_note_required`')
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`session_not_found`, `attendance_member_not_participant`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('memberId', uuidPipe()) memberId: string,
    @Body() dto: UpdateAttendanceDto,
  ): Promise<AttendanceRow> {
    return this.attendance.update(member, id, memberId, dto);
  }

  @Post('sessions/:id/attendance/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Confirm the register (the tutor’s signature): the rows are frozen as they are; once only',
  })
  @ApiOkResponse({ type: AttendanceConfirmationResponse })
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, '`attendance_already_confirmed`, `attendance_session_not_started`')
  confirm(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<AttendanceConfirmation> {
    return this.attendance.confirm(member, id);
  }

  @Get('labs/:id/attendance.csv')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary:
      'The lab’s register as CSV for Excel (tutors of the lab, admins): UTF-8 with BOM, `;` separated, ' +
      'decimal comma, times in Europe/Rome',
  })
  @ApiFileResponse('A line per participant and session', 'text/csv')
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  async csv(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<StreamableFile> {
    const { labTitle, lines } = await this.reports.exportLines(member, id);
    const body = toCsv(lines);
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      length: body.length,
      disposition: `attachment; filename="${exportFileName(labTitle, 'csv')}"`,
    });
  }

  @Get('labs/:id/attendance.xlsx')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary:
      'The lab’s register as a workbook (tutors of the lab, admins): the lines, then totals per ' +
      'participant, per administration and per region (hours as decimal numbers)',
  })
  @ApiFileResponse('The workbook', XLSX_TYPE)
  @ApiProblem(403, '`attendance_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  async xlsx(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<StreamableFile> {
    const { labTitle, lines } = await this.reports.exportLines(member, id);
    const body = await toXlsx(labTitle, lines);
    return new StreamableFile(body, {
      type: XLSX_TYPE,
      length: body.length,
      disposition: `attachment; filename="${exportFileName(labTitle, 'xlsx')}"`,
    });
  }

  @Get('me/attendance')
  @ApiOperation({
    summary: 'My attendance: my rows in the sessions of the labs I take part in, hours per lab',
  })
  @ApiOkResponse({ type: MyAttendanceResponse })
  mine(@CurrentMember() member: AuthMember): Promise<MyAttendanceView> {
    return this.reports.mine(member);
  }
}
