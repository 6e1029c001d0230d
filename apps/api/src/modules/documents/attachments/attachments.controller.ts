import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { DocumentAttachmentView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiFileResponse, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CheckPolicy } from '../../auth/check-policy.decorator';
import { CurrentMember } from '../../auth/current-member.decorator';
import { AttachmentTooLargeInterceptor, DocumentWriterGuard } from './attachment-upload';
import {
  AttachmentDto,
  AttachmentListQueryDto,
  AttachmentPageDto,
  AttachmentUploadDto,
} from './attachments.dto';
import { AttachmentsService, type UploadedFile as StoredUpload } from './attachments.service';
import { contentDisposition } from './file-name';

/** Files attached to a document: writers upload, readers list and download. */
@ApiTags('documents')
@ApiAuthenticated()
@ApiProblem(400, 'Invalid id, cursor or multipart body')
@ApiProblem(403, '`document_forbidden` or `attachment_forbidden`')
@ApiProblem(404, '`document_not_found` or `attachment_not_found`')
@CheckPolicy('read', 'Document')
@Controller('documents/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(DocumentWriterGuard)
  @UseInterceptors(AttachmentTooLargeInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Attach a file (writers): PDF, images, office formats, text; checked on the content',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentUploadDto })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblem(413, '`attachment_too_large`: over ATTACHMENT_MAX_BYTES')
  @ApiProblem(415, '`attachment_type_refused`, naming what was detected')
  @ApiProblem(422, '`attachment_infected`: refused by the virus scanner')
  upload(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @UploadedFile() file: StoredUpload | undefined,
  ): Promise<DocumentAttachmentView> {
    return this.attachments.upload(member, id, file);
  }

  @Get()
  @ApiOperation({ summary: 'Attachments, newest first' })
  @ApiOkResponse({ type: AttachmentPageDto })
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: AttachmentListQueryDto,
  ): Promise<Page<DocumentAttachmentView>> {
    return this.attachments.list(member, id, query.limit, query.cursor);
  }

  @Get(':attachmentId/download')
  @Header('X-Content-Type-Options', 'nosniff')
  // no-transform: compression would drop Content-Length and change the bytes' encoding.
  @Header('Cache-Control', 'private, no-transform')
  @ApiOperation({ summary: 'The file, with its original name (Content-Disposition: attachment)' })
  @ApiFileResponse('The bytes, with the media type decided at upload', '*/*')
  async download(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string,
  ): Promise<StreamableFile> {
    const { view, stream } = await this.attachments.download(member, id, attachmentId);
    return new StreamableFile(stream, {
      type: view.mediaType,
      length: view.size,
      disposition: contentDisposition(view.fileName),
    });
  }

  @Delete(':attachmentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an attachment (who uploaded it, a moderator or an administrator)' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(member, id, attachmentId);
  }
}
