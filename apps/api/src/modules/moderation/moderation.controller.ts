import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse, ApiCreatedResponse } from '@nestjs/swagger';
import type {
  FlagQueueItem,
  ModerationActionResult,
  ModerationLogEntry,
  ModerationScopeView,
  Page,
  SuspensionView,
  ThreadMergedEvent,
  ThreadMovedEvent,
  WarningView,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import {
  FlagQueueQueryDto,
  MergeThreadDto,
  ModerationActionDto,
  ModerationLogQueryDto,
  ModerationReasonDto,
  MoveThreadDto,
  SuspendMemberDto,
} from './dto/moderation.dto';
import { ModerationService } from './moderation.service';
import {
  FlagQueueItemResponse,
  ModerationActionResultResponse,
  ModerationLogEntryResponse,
  ModerationScopeResponse,
  SuspensionResponse,
  ThreadMergedResponse,
  ThreadMovedResponse,
  WarningResponse,
} from './dto/moderation.response';

@ApiTags('moderation')
@ApiAuthenticated()
@ApiProblem(400)
@ApiProblem(403, 'Not a moderator (of every space concerned): `forbidden`')
@Controller('moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('scope')
  @ApiOperation({
    summary: 'Where I moderate: every space (global moderators, admins), some spaces, or none (never 403)',
  })
  @ApiOkResponse({ type: ModerationScopeResponse })
  scope(@CurrentMember() member: AuthMember): Promise<ModerationScopeView> {
    return this.moderation.moderationScope(member);
  }

  @Get('flags')
  @ApiOperation({
    summary: 'Flag queue grouped per post: global moderators see every space, space moderators theirs',
  })
  @ApiPageResponse(FlagQueueItemResponse)
  flags(
    @CurrentMember() member: AuthMember,
    @Query() query: FlagQueueQueryDto,
  ): Promise<Page<FlagQueueItem>> {
    return this.moderation.flagQueue(member, query);
  }

  @Post('actions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'hide/restore/dismiss `postIds` or lock/unlock `threadIds` (1–100) in one transaction; all or nothing. ' +
      'Emits post.hidden/post.restored, thread.locked, flag.resolved',
  })
  @ApiOkResponse({ type: ModerationActionResultResponse })
  @ApiProblem(404, '`moderation_target_not_found`, items listed in `errors`')
  @ApiProblem(422, 'Ids of the wrong kind for the action')
  act(
    @CurrentMember() member: AuthMember,
    @Body() dto: ModerationActionDto,
  ): Promise<ModerationActionResult> {
    return this.moderation.act(member, dto);
  }

  @Post('threads/:id/move')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Move the thread to another space (moderator of both): `thread.moved` to both spaces',
  })
  @ApiOkResponse({ type: ThreadMovedResponse })
  move(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: MoveThreadDto,
  ): Promise<ThreadMovedEvent> {
    return this.moderation.move(member, id, dto);
  }

  @Post('threads/:id/merge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Merge the thread into `targetThreadId`: its posts move; it stays as a locked stub. `thread.merged`',
  })
  @ApiOkResponse({ type: ThreadMergedResponse })
  merge(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: MergeThreadDto,
  ): Promise<ThreadMergedEvent> {
    return this.moderation.merge(member, id, dto);
  }

  @Post('members/:id/warnings')
  @ApiOperation({ summary: 'Warn a member (global moderators): the member is notified' })
  @ApiCreatedResponse({ type: WarningResponse })
  @ApiProblem(404, '`member_not_found`')
  warn(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ModerationReasonDto,
  ): Promise<WarningView> {
    return this.moderation.warn(member, id, dto.reason);
  }

  @Post('members/:id/suspensions')
  @ApiOperation({ summary: 'Suspend a member until `until` (or until lifted): they read but do not write' })
  @ApiCreatedResponse({ type: SuspensionResponse })
  @ApiProblem(404, '`member_not_found`')
  suspend(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: SuspendMemberDto,
  ): Promise<SuspensionView> {
    return this.moderation.suspend(member, id, dto);
  }

  @Delete('members/:id/suspensions')
  @ApiOperation({ summary: 'Lift the member’s suspensions in force' })
  @ApiItemsResponse(SuspensionResponse)
  @ApiProblem(409, '`member_not_suspended`')
  unsuspend(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: SuspensionView[] }> {
    return this.moderation.unsuspend(member, id);
  }

  @Get('log')
  @ApiOperation({ summary: 'Moderation log, newest first (space moderators: their spaces)' })
  @ApiPageResponse(ModerationLogEntryResponse)
  log(
    @CurrentMember() member: AuthMember,
    @Query() query: ModerationLogQueryDto,
  ): Promise<Page<ModerationLogEntry>> {
    return this.moderation.log(member, query);
  }
}
