import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AttachmentUploader, DocumentAttachmentView, Page } from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/cursor';

export class AttachmentListQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class AttachmentUploadDto {
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}

export class AttachmentUploaderDto implements AttachmentUploader {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class AttachmentDto implements DocumentAttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ maxLength: 255 }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content' }) sha256: string;
  @ApiProperty({ type: AttachmentUploaderDto }) uploadedBy: AttachmentUploaderDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AttachmentPageDto implements Page<DocumentAttachmentView> {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
