import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, SessionMessageView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateSessionMessageDto, SessionMessagesQueryDto } from './dto/session-message.dto';
import { SessionMessageResponse } from './dto/session-message.response';
import { SessionChatService } from './session-chat.service';

@ApiTags('sessions')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('sessions/:id/messages')
export class SessionChatController {
  constructor(private readonly chat: SessionChatService) {}

  @Post()
  @ApiOperation({
    summary:
      'Write in the session’s chat (the lab’s participants and tutors, admins): Markdown, sanitised like posts; `session.message` to `session:<id>`',
  })
  @ApiCreatedResponse({ type: SessionMessageResponse })
  @ApiProblem(400, 'Blank, too long, or with control characters or lone surrogates')
  @ApiProblem(403, 'Not in this lab: `session_chat_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  @ApiProblem(409, 'The session is cancelled: `session_closed`')
  @ApiProblem(429, 'Too many messages in a minute: `rate_limited`')
  post(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateSessionMessageDto,
  ): Promise<SessionMessageView> {
    return this.chat.post(member, id, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'The session’s chat, a page at a time as a chat shows it: the first page holds the newest messages; within a page, oldest to newest; `nextCursor` leads to the older ones before them',
  })
  @ApiPageResponse(SessionMessageResponse)
  @ApiProblem(403, 'Not in this lab: `session_chat_forbidden`')
  @ApiProblem(404, '`session_not_found`')
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: SessionMessagesQueryDto,
  ): Promise<Page<SessionMessageView>> {
    return this.chat.list(member, id, query);
  }
}
