import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS,
  DOCUMENT_LIMITS,
  PROVINCE_CODE_PATTERN,
  type DocumentKind,
} from '@convergo/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';
import { REGION_NAMES } from '../../organizations/reference-data';
import { NO_CONTROL_CHARACTERS } from './create-document.dto';

export class DocumentLibraryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'member:2f1c3a4e-…', description: '<owner type>:<owner id>' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  owner?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'A theme tag (compared lower-case)' })
  @IsOptional()
  @IsString()
  @MaxLength(DOCUMENT_LIMITS.tag)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'tag must not contain control characters' })
  tag?: string;

  @ApiPropertyOptional({ enum: REGION_NAMES })
  @IsOptional()
  @IsIn(REGION_NAMES)
  region?: string;

  @ApiPropertyOptional({ example: 'NA', description: 'A province abbreviation' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a two-letter code, e.g. NA' })
  province?: string;

  @ApiPropertyOptional({ description: 'Words of the title (Italian full-text search)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  q?: string;
}
