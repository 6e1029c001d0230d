import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_VERSION_LIMITS,
  type DocumentDiffChange,
  type DocumentVersionCompare,
  type DocumentVersionDetail,
  type DocumentVersionView,
  type Page,
} from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/cursor';

const NOT_BLANK = /\S/;
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const UUID_OR_CURRENT =
  /^(current|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export class CreateVersionDto {
  @ApiProperty({ example: 'Bozza inviata al partner', maxLength: DOCUMENT_VERSION_LIMITS.name })
  @IsString()
  @MaxLength(DOCUMENT_VERSION_LIMITS.name)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  name: string;
}

export class VersionListQueryDto {
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

export class CompareQueryDto {
  @ApiProperty({ description: 'A version id' })
  @IsString()
  @Matches(UUID_OR_CURRENT, { message: 'must be a version id' })
  from: string;

  @ApiProperty({ description: 'A version id, or `current` for the live document' })
  @IsString()
  @Matches(UUID_OR_CURRENT, { message: 'must be a version id or current' })
  to: string;

  @ApiPropertyOptional({ enum: ['words', 'lines'], default: 'words' })
  @IsOptional()
  @IsIn(['words', 'lines'])
  granularity: 'words' | 'lines' = 'words';
}

export class VersionDto implements DocumentVersionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) authorId: string | null;
  @ApiProperty() automatic: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VersionDetailDto extends VersionDto implements DocumentVersionDetail {
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Headings, paragraphs and lists; text is escaped' }) html: string;
  @ApiProperty() markdown: string;
}

export class VersionPageDto implements Page<DocumentVersionView> {
  @ApiProperty({ type: [VersionDto] }) items: VersionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class DiffChangeDto implements DocumentDiffChange {
  @ApiPropertyOptional() added?: boolean;
  @ApiPropertyOptional() removed?: boolean;
  @ApiProperty() value: string;
}

export class VersionCompareDto implements DocumentVersionCompare {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [DiffChangeDto] }) changes: DiffChangeDto[];
}
