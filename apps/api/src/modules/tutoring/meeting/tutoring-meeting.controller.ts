import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, TutoringMessageView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CurrentMember } from '../../auth/current-member.decorator';
import { CreateTutoringMessageDto, TutoringMessagesQueryDto } from './dto/tutoring-message.dto';
import { TutoringMessageResponse } from './dto/tutoring-message.response';
import { TutoringMeetingService } from './tutoring-meeting.service';

@ApiTags('tutoring')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('tutoring/slots/:id/messages')
export class TutoringMeetingController {
  constructor(private readonly meeting: TutoringMeetingService) {}

  @Post()
  @ApiOperation({
    summary:
      'Write in the chat of the slot’s meeting room (its tutor, its bookers, admins): Markdown, sanitised like posts; `tutoring.message` to `tutoring_slot:<id>`',
  })
  @ApiCreatedResponse({ type: TutoringMessageResponse })
  @ApiProblem(400, 'Blank, too long, or with control characters or lone surrogates')
  @ApiProblem(403, 'Neither its tutor nor one of its bookers: `tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  @ApiProblem(
    409,
    'The slot is cancelled (`slot_cancelled`) or meets elsewhere, with no room in Convergo (`no_meeting_room`)',
  )
  @ApiProblem(429, 'Too many messages in a minute: `rate_limited`')
  post(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateTutoringMessageDto,
  ): Promise<TutoringMessageView> {
    return this.meeting.post(member, id, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'The chat of the slot’s meeting room, a page at a time as a chat shows it: the first page holds the newest messages; within a page, oldest to newest; `nextCursor` leads to the older ones',
  })
  @ApiPageResponse(TutoringMessageResponse)
  @ApiProblem(403, 'Neither its tutor nor one of its bookers: `tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: TutoringMessagesQueryDto,
  ): Promise<Page<TutoringMessageView>> {
    return this.meeting.list(member, id, query);
  }
}
