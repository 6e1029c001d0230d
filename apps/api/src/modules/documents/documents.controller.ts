import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DocumentView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { DocumentsService } from './documents.service';
import { CreateDocumentDto } from './dto/create-document.dto';
import { DocumentLibraryQueryDto } from './dto/document-library.query';
import { DocumentDto, DocumentPageDto } from './dto/document.dto';
import { UpdateDocumentDto } from './dto/update-document.dto';

/**
 * Shared documents' metadata and library. The content is co-edited over socket.io (`doc:join`,
 * `doc:sync`, `doc:awareness`: see docs/architecture.md, "Shared documents"); access follows
 * the owner's policy.
 */
@ApiTags('documents')
@ApiAuthenticated()
@CheckPolicy('read', 'Document')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @CheckPolicy('create', 'Document')
  @ApiOperation({
    summary: 'Create a document owned by a member (a private draft), a space, a lab or a twinning',
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiProblem(400, 'Invalid fields, listed in `errors`')
  @ApiProblem(403, 'You may not write documents of this owner: `document_owner_forbidden`')
  @ApiProblem(422, 'Unknown owner type (`document_owner_type_unknown`) or owner (`document_owner_not_found`)')
  create(@CurrentMember() member: AuthMember, @Body() body: CreateDocumentDto): Promise<DocumentView> {
    return this.documents.create(member, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'The library: documents you may read, newest change first, by owner, kind, tag, region, province, q',
  })
  @ApiOkResponse({ type: DocumentPageDto })
  @ApiProblem(400, 'Invalid filter, limit or cursor')
  @ApiProblem(403, 'You may not read documents of this owner: `document_owner_forbidden`')
  @ApiProblem(422, 'Unknown owner type: `document_owner_type_unknown`')
  library(
    @CurrentMember() member: AuthMember,
    @Query() query: DocumentLibraryQueryDto,
  ): Promise<Page<DocumentView>> {
    return this.documents.library(member, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblem(400, 'The id is not a UUID')
  @ApiProblem(403, 'You may not read this document: `document_forbidden`')
  @ApiProblem(404, 'No such document: `document_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<DocumentView> {
    return this.documents.get(member, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or retag a document (writers); kind and owner never change' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblem(400, 'Invalid id or fields, listed in `errors`')
  @ApiProblem(403, 'You may not change this document: `document_forbidden`')
  @ApiProblem(404, 'No such document: `document_not_found`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdateDocumentDto,
  ): Promise<DocumentView> {
    return this.documents.update(member, id, body);
  }
}
