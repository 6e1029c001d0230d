import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type {
  Page,
  PostView,
  ThreadReadView,
  ThreadSubscriptionView,
  ThreadView,
  ThreadWithFirstPost,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreatePostDto, MarkReadDto, ThreadSubscriptionDto } from './dto/post.dto';
import { CreateThreadDto, ThreadListQueryDto, UpdateThreadDto } from './dto/thread.dto';
import { PostsService } from './posts.service';
import { ThreadsService } from './threads.service';
import {
  PostResponse,
  ThreadReadResponse,
  ThreadResponse,
  ThreadSubscriptionResponse,
  ThreadWithFirstPostResponse,
} from './dto/thread.response';

@ApiTags('threads')
@ApiAuthenticated()
@ApiProblem(400)
@ApiProblem(403, 'Private space, not a moderator, or suspended: `member_suspended`')
@ApiProblem(404, '`space_not_found`, `thread_not_found`')
@Controller()
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly postsService: PostsService,
  ) {}

  @Post('spaces/:id/threads')
  @ApiOperation({ summary: 'Start a thread with its first post (Markdown)' })
  @ApiCreatedResponse({
    type: ThreadWithFirstPostResponse,
    description: 'The thread with `firstPost`; `thread.created` goes to `space:<id>`',
  })
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) spaceId: string,
    @Body() dto: CreateThreadDto,
  ): Promise<ThreadWithFirstPost> {
    return this.threads.create(member, spaceId, dto);
  }

  @Get('spaces/:id/threads')
  @ApiOperation({ summary: 'Threads of a space: pinned first, then latest activity; with my unread counts' })
  @ApiPageResponse(ThreadResponse)
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) spaceId: string,
    @Query() query: ThreadListQueryDto,
  ): Promise<Page<ThreadView>> {
    return this.threads.list(member, spaceId, query);
  }

  @Get('threads/:id')
  @ApiOperation({ summary: 'One thread, with my read marker and subscription' })
  @ApiOkResponse({ type: ThreadResponse })
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<ThreadView> {
    return this.threads.get(member, id);
  }

  @Patch('threads/:id')
  @ApiOperation({ summary: 'Change title or tags (author or moderators)' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiProblem(423, 'The thread is locked: `thread_locked`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateThreadDto,
  ): Promise<ThreadView> {
    return this.threads.update(member, id, dto);
  }

  @Get('threads/:id/posts')
  @ApiOperation({ summary: 'Posts in writing order with `bodyHtml`, cursor-paginated' })
  @ApiPageResponse(PostResponse)
  listPosts(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<PostView>> {
    return this.postsService.list(member, id, query);
  }

  @Post('threads/:id/posts')
  @ApiOperation({ summary: 'Reply (optionally quoting `replyToId`); mentions notify the members' })
  @ApiCreatedResponse({ type: PostResponse, description: 'The post; `post.created` goes to `thread:<id>`' })
  @ApiProblem(423, 'The thread is locked: `thread_locked`')
  @ApiProblem(422, '`replyToId` is not a post of this thread')
  reply(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreatePostDto,
  ): Promise<PostView> {
    return this.postsService.create(member, id, dto);
  }

  @Post('threads/:id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Move my read marker forward to a post; my other tabs get `thread.read`' })
  @ApiOkResponse({ type: ThreadReadResponse })
  markRead(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: MarkReadDto,
  ): Promise<ThreadReadView> {
    return this.threads.markRead(member, id, dto.postId);
  }

  @Post('threads/:id/subscription')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Watch the thread (every new post notifies me) or mute it' })
  @ApiOkResponse({ type: ThreadSubscriptionResponse })
  subscribe(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ThreadSubscriptionDto,
  ): Promise<ThreadSubscriptionView> {
    return this.threads.subscribe(member, id, dto.level ?? 'watching');
  }

  @Delete('threads/:id/subscription')
  @ApiOperation({ summary: 'Neither watch nor mute the thread' })
  @ApiOkResponse({ type: ThreadSubscriptionResponse })
  unsubscribe(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<ThreadSubscriptionView> {
    return this.threads.subscribe(member, id, null);
  }

  @Post('threads/:id/pin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Pin the thread on top of its space (moderators)' })
  @ApiOkResponse({ type: ThreadResponse })
  pin(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<ThreadView> {
    return this.threads.setPinned(member, id, true);
  }

  @Delete('threads/:id/pin')
  @ApiOperation({ summary: 'Unpin the thread (moderators)' })
  @ApiOkResponse({ type: ThreadResponse })
  unpin(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<ThreadView> {
    return this.threads.setPinned(member, id, false);
  }

  @Post('threads/:id/lock')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Lock the thread: no new posts (moderators)' })
  @ApiOkResponse({ type: ThreadResponse })
  lock(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<ThreadView> {
    return this.threads.setLocked(member, id, true);
  }

  @Delete('threads/:id/lock')
  @ApiOperation({ summary: 'Unlock the thread (moderators)' })
  @ApiOkResponse({ type: ThreadResponse })
  unlock(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<ThreadView> {
    return this.threads.setLocked(member, id, false);
  }
}
