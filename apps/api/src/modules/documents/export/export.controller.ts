import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_EXPORT_FORMATS, type DocumentExportFormat } from '@convergo/contracts';
import { IsIn } from 'class-validator';
import { ApiAuthenticated, ApiFileResponse, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CheckPolicy } from '../../auth/check-policy.decorator';
import { CurrentMember } from '../../auth/current-member.decorator';
import { contentDisposition } from '../attachments/file-name';
import { DocumentExportService, type ExportedFile } from './document-export.service';

export class ExportQueryDto {
  @ApiProperty({ enum: DOCUMENT_EXPORT_FORMATS })
  @IsIn(DOCUMENT_EXPORT_FORMATS)
  format: DocumentExportFormat;
}

const asFile = (file: ExportedFile): StreamableFile =>
  new StreamableFile(file.body, {
    type: file.mediaType,
    length: file.body.length,
    disposition: contentDisposition(file.fileName),
  });

/** A document, or a named version of it, as a file to file with the programme (readers). */
@ApiTags('documents')
@ApiAuthenticated()
@ApiProblem(400, 'Invalid id or format')
@ApiProblem(403, '`document_forbidden`')
@ApiProblem(404, '`document_not_found` or `document_version_not_found`')
@ApiProduces(
  'text/markdown',
  'text/html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/pdf',
)
@CheckPolicy('read', 'Document')
@Controller('documents/:id')
export class ExportController {
  constructor(private readonly exporter: DocumentExportService) {}

  @Get('export')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'The current content as Markdown, HTML, DOCX or PDF' })
  @ApiFileResponse('The file, as an attachment named after the document title')
  async exportCurrent(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    return asFile(await this.exporter.exportCurrent(member, id, query.format));
  }

  @Get('versions/:versionId/export')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'A named version as Markdown, HTML, DOCX or PDF' })
  @ApiFileResponse('The file, as an attachment named after the document and version')
  async exportVersion(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('versionId', uuidPipe('versionId')) versionId: string,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    return asFile(await this.exporter.exportVersion(member, id, versionId, query.format));
  }
}
