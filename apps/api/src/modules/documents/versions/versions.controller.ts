import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  DocumentVersionCompare,
  DocumentVersionDetail,
  DocumentVersionView,
  Page,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CheckPolicy } from '../../auth/check-policy.decorator';
import { CurrentMember } from '../../auth/current-member.decorator';
import {
  CompareQueryDto,
  CreateVersionDto,
  VersionCompareDto,
  VersionDetailDto,
  VersionDto,
  VersionListQueryDto,
  VersionPageDto,
} from './versions.dto';
import { VersionsService } from './versions.service';

/** Named versions of a document: readers list, view and compare; writers create and restore. */
@ApiTags('documents')
@ApiAuthenticated()
@ApiProblem(400, 'Invalid id, fields or cursor')
@ApiProblem(403, 'You may not read (or change) this document: `document_forbidden`')
@ApiProblem(404, '`document_not_found` or `document_version_not_found`')
@CheckPolicy('read', 'Document')
@Controller('documents/:id/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Save the current content as a named version (writers)' })
  @ApiCreatedResponse({ type: VersionDto })
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() body: CreateVersionDto,
  ): Promise<DocumentVersionView> {
    return this.versions.create(member, id, body.name);
  }

  @Get()
  @ApiOperation({ summary: 'Named versions, newest first' })
  @ApiOkResponse({ type: VersionPageDto })
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: VersionListQueryDto,
  ): Promise<Page<DocumentVersionView>> {
    return this.versions.list(member, id, query.limit, query.cursor);
  }

  @Get('compare')
  @ApiOperation({ summary: 'Word (or line) diff between two versions, or a version and `current`' })
  @ApiOkResponse({ type: VersionCompareDto })
  compare(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: CompareQueryDto,
  ): Promise<DocumentVersionCompare> {
    return this.versions.compare(member, id, query.from, query.to, query.granularity);
  }

  @Get(':versionId')
  @ApiOperation({ summary: 'One version, read-only: text, HTML and Markdown' })
  @ApiOkResponse({ type: VersionDetailDto })
  get(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('versionId', uuidPipe('versionId')) versionId: string,
  ): Promise<DocumentVersionDetail> {
    return this.versions.get(member, id, versionId);
  }

  @Post(':versionId/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Restore a version as a new change, stored and sent live to everyone editing (writers)',
  })
  @ApiOkResponse({ type: VersionDto })
  restore(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('versionId', uuidPipe('versionId')) versionId: string,
  ): Promise<DocumentVersionView> {
    return this.versions.restore(member, id, versionId);
  }
}
