import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_COMMENT_LIMITS,
  type CommentAnchor,
  type DocumentCommentView,
  type Page,
} from '@convergo/contracts';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/cursor';

const NOT_BLANK = /\S/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export class CommentAnchorDto implements CommentAnchor {
  @ApiProperty({ description: 'base64 of Y.encodeRelativePosition (start of the range)' })
  @IsString()
  @MaxLength(DOCUMENT_COMMENT_LIMITS.anchor)
  @Matches(BASE64, { message: 'must be base64 of Y.encodeRelativePosition' })
  start: string;

  @ApiProperty({ description: 'base64 of Y.encodeRelativePosition (end of the range)' })
  @IsString()
  @MaxLength(DOCUMENT_COMMENT_LIMITS.anchor)
  @Matches(BASE64, { message: 'must be base64 of Y.encodeRelativePosition' })
  end: string;
}

export class CreateCommentDto {
  @ApiProperty({ maxLength: DOCUMENT_COMMENT_LIMITS.body, description: 'Plain text' })
  @IsString()
  @MaxLength(DOCUMENT_COMMENT_LIMITS.body)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body: string;

  @ApiPropertyOptional({ type: CommentAnchorDto, description: 'Required on a new thread; absent on a reply' })
  @IsOptional()
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CommentAnchorDto)
  anchor?: CommentAnchorDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The comment this replies to' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  parentId?: string;
}

export class UpdateCommentDto {
  @ApiProperty({ maxLength: DOCUMENT_COMMENT_LIMITS.body })
  @IsString()
  @MaxLength(DOCUMENT_COMMENT_LIMITS.body)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body: string;
}

export class CommentListQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class CommentDto implements DocumentCommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) authorId: string | null;
  @ApiProperty({ description: 'Plain text, never HTML' }) body: string;
  @ApiProperty({ type: CommentAnchorDto, nullable: true }) anchor: CommentAnchorDto | null;
  @ApiProperty() resolved: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) resolvedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CommentPageDto implements Page<DocumentCommentView> {
  @ApiProperty({ type: [CommentDto] }) items: CommentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
