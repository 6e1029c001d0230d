import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { FlagView, PostRevisionView, PostView, ReactionsView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { ReactionDto, ReasonDto, UpdatePostDto } from './dto/post.dto';
import { PostsService } from './posts.service';
import { FlagResponse, PostResponse, PostRevisionResponse, ReactionsResponse } from './dto/thread.response';

@ApiTags('threads')
@ApiAuthenticated()
@ApiProblem(400, 'Invalid id or fields, listed in `errors`')
@ApiProblem(403, 'Not the author, not a moderator, or suspended')
@ApiProblem(404, '`post_not_found` (hidden posts exist only for author and moderators)')
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'One post' })
  @ApiOkResponse({ type: PostResponse })
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PostView> {
    return this.posts.get(member, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit my post; the previous text is kept for moderators' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblem(409, 'Deleted or hidden: `post_unavailable`')
  @ApiProblem(423, 'The thread is locked: `thread_locked`')
  edit(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostView> {
    return this.posts.edit(member, id, dto.body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete my post within 24 hours; a placeholder keeps its place' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblem(403, '`delete_window_passed` after 24 hours')
  delete(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PostView> {
    return this.posts.delete(member, id);
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Earlier texts of the post, oldest first (moderators)' })
  @ApiItemsResponse(PostRevisionResponse)
  revisions(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: PostRevisionView[] }> {
    return this.posts.revisions(member, id);
  }

  @Post(':id/reactions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Toggle my reaction (👍 ❤️ 🎉 💡 👏); answers the counts' })
  @ApiOkResponse({ type: ReactionsResponse })
  react(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ReactionDto,
  ): Promise<ReactionsView> {
    return this.posts.react(member, id, dto.emoji);
  }

  @Post(':id/flags')
  @ApiOperation({ summary: 'Flag the post for moderators; `flag.created` goes to `moderation`' })
  @ApiCreatedResponse({ type: FlagResponse, description: 'The flag' })
  @ApiProblem(409, 'Already flagged by me: `post_already_flagged`')
  flag(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ReasonDto,
  ): Promise<FlagView> {
    return this.posts.flag(member, id, dto.reason);
  }

  @Post(':id/hide')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hide the post (moderators): `post.hidden`; the author is told why' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblem(409, '`post_already_hidden`')
  hide(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ReasonDto,
  ): Promise<PostView> {
    return this.posts.hide(member, id, dto.reason);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Show a hidden post again (moderators): `post.restored`' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblem(409, '`post_not_hidden`')
  restore(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PostView> {
    return this.posts.restore(member, id);
  }
}
