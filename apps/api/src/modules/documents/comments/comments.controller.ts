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
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { DocumentCommentView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CheckPolicy } from '../../auth/check-policy.decorator';
import { CurrentMember } from '../../auth/current-member.decorator';
import {
  CommentDto,
  CommentListQueryDto,
  CommentPageDto,
  CreateCommentDto,
  UpdateCommentDto,
} from './comments.dto';
import { CommentsService } from './comments.service';

/**
 * Comments on a document, anchored to a text range with Yjs relative positions. Live events
 * `comment.created|updated|resolved|deleted` go to `doc:<id>`.
 */
@ApiTags('documents')
@ApiAuthenticated()
@ApiProblem(400, 'Invalid id, fields, anchor or cursor')
@ApiProblem(403, '`document_forbidden` or `comment_forbidden`')
@ApiProblem(404, '`document_not_found` or `comment_not_found`')
@CheckPolicy('read', 'Document')
@Controller('documents/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({ summary: 'Comments and replies with their anchors, oldest first' })
  @ApiOkResponse({ type: CommentPageDto })
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: CommentListQueryDto,
  ): Promise<Page<DocumentCommentView>> {
    return this.comments.list(member, id, query.limit, query.cursor);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Comment on a range (`anchor`) or reply to a comment (`parentId`); readers may comment',
  })
  @ApiCreatedResponse({ type: CommentDto })
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() body: CreateCommentDto,
  ): Promise<DocumentCommentView> {
    return this.comments.create(member, id, body);
  }

  @Patch(':commentId')
  @ApiOperation({ summary: 'Edit your own comment' })
  @ApiOkResponse({ type: CommentDto })
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('commentId', uuidPipe('commentId')) commentId: string,
    @Body() body: UpdateCommentDto,
  ): Promise<DocumentCommentView> {
    return this.comments.update(member, id, commentId, body.body);
  }

  @Delete(':commentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete your own comment (and its replies)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('commentId', uuidPipe('commentId')) commentId: string,
  ): Promise<void> {
    await this.comments.remove(member, id, commentId);
  }

  @Post(':commentId/resolve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Resolve a thread (its author or a writer)' })
  @ApiOkResponse({ type: CommentDto })
  resolve(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('commentId', uuidPipe('commentId')) commentId: string,
  ): Promise<DocumentCommentView> {
    return this.comments.setResolved(member, id, commentId, true);
  }

  @Post(':commentId/reopen')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reopen a resolved thread (its author or a writer)' })
  @ApiOkResponse({ type: CommentDto })
  reopen(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('commentId', uuidPipe('commentId')) commentId: string,
  ): Promise<DocumentCommentView> {
    return this.comments.setResolved(member, id, commentId, false);
  }
}
