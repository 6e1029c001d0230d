import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CalendarFeedView } from '@convergo/contracts';
import { ApiAuthenticated, ApiFileResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { Public } from '../auth/public.decorator';
import { CalendarFeedResponse } from '../sessions/dto/session.response';
import { CalendarService } from './calendar.service';

const CALENDAR = 'text/calendar; charset=utf-8';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('labs/:id/sessions.ics')
  @ApiAuthenticated()
  @Header('Content-Type', CALENDAR)
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'The lab’s sessions as iCalendar (its people, admins)' })
  @ApiFileResponse('RFC 5545, one VEVENT per session, times in Europe/Rome', 'text/calendar')
  @ApiProblem(400)
  @ApiProblem(403, 'Not in this lab: `session_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  lab(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<string> {
    return this.calendar.labCalendar(member, id);
  }

  @Get('me/calendar.ics')
  @ApiAuthenticated()
  @Header('Content-Type', CALENDAR)
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary:
      'My sessions (every lab I take part in or tutor) and tutoring (my bookings, my booked slots) as iCalendar',
  })
  @ApiFileResponse(
    'RFC 5545, one VEVENT per session, tutoring booking or booked tutored slot (cancelled ones STATUS:CANCELLED), times in Europe/Rome',
    'text/calendar',
  )
  mine(@CurrentMember() member: AuthMember): Promise<string> {
    return this.calendar.memberCalendar(member.id);
  }

  @Post('me/calendar-feed')
  @ApiAuthenticated()
  @ApiOperation({ summary: 'Create or replace my private calendar URL (the previous one stops working)' })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  rotate(@CurrentMember() member: AuthMember): Promise<CalendarFeedView> {
    return this.calendar.rotateFeed(member);
  }

  @Delete('me/calendar-feed')
  @ApiAuthenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke my private calendar URL' })
  @ApiNoContentResponse({ description: 'Revoked: the URL now answers 404' })
  async revoke(@CurrentMember() member: AuthMember): Promise<void> {
    await this.calendar.revokeFeed(member);
  }

  @Get('calendar/:feedToken.ics')
  @Public()
  @Header('Content-Type', CALENDAR)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({
    summary: 'A member’s calendar for calendar apps: the secret URL is the credential (no bearer)',
  })
  @ApiFileResponse(
    'RFC 5545, one VEVENT per session, tutoring booking or booked tutored slot (cancelled ones STATUS:CANCELLED), times in Europe/Rome',
    'text/calendar',
  )
  @ApiProblem(404, 'Unknown, revoked or forged token: `calendar_feed_not_found`')
  feed(@Param('feedToken') token: string): Promise<string> {
    return this.calendar.feedCalendar(token);
  }
}
