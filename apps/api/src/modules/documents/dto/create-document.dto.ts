import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS,
  DOCUMENT_LIMITS,
  PROVINCE_CODE_PATTERN,
  type CreateDocumentInput,
  type DocumentKind,
} from '@convergo/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REGION_NAMES } from '../../organizations/reference-data';

/** Some visible character, and no control characters (titles and tags are shown in lists). */
export const NOT_BLANK = /\S/;
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
export const OWNER_TYPE_PATTERN = /^[a-z][a-z_]{0,31}$/;

export class DocumentOwnerDto {
  @ApiProperty({ example: 'member', description: 'member (a private draft), space, lab, twinning' })
  @IsString()
  @Matches(OWNER_TYPE_PATTERN, { message: 'must be an owner type such as member, space, lab, twinning' })
  type: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

export const DocumentTitle = () =>
  applyDecorators(
    ApiProperty({ example: 'Piano strategico di apertura internazionale', maxLength: DOCUMENT_LIMITS.title }),
    IsString(),
    MaxLength(DOCUMENT_LIMITS.title),
    Matches(NOT_BLANK, { message: 'must not be blank' }),
    Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' }),
  );

/** Present or absent, never null: the columns are not nullable. */
export const TagList = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: DOCUMENT_LIMITS.tags,
      example: ['cooperazione internazionale', 'servizi ai cittadini'],
      description: 'Theme tags; stored lower-case and trimmed',
    }),
    ValidateIf((_, value) => value !== undefined),
    IsArray(),
    ArrayMaxSize(DOCUMENT_LIMITS.tags),
    IsString({ each: true }),
    MaxLength(DOCUMENT_LIMITS.tag, { each: true }),
    Matches(NOT_BLANK, { each: true, message: 'each tag must not be blank' }),
    Matches(NO_CONTROL_CHARACTERS, { each: true, message: 'tags must not contain control characters' }),
  );

export const RegionList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], enum: REGION_NAMES, example: ['Campania'] }),
    ValidateIf((_, value) => value !== undefined),
    IsArray(),
    ArrayMaxSize(DOCUMENT_LIMITS.regions),
    IsIn(REGION_NAMES, { each: true, message: 'each region must be an Italian region, e.g. Campania' }),
    ArrayUnique(),
  );

export const ProvinceList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], example: ['NA'], description: 'Province abbreviations' }),
    ValidateIf((_, value) => value !== undefined),
    IsArray(),
    ArrayMaxSize(DOCUMENT_LIMITS.provinces),
    IsString({ each: true }),
    Matches(PROVINCE_CODE_PATTERN, {
      each: true,
      message: 'each province must be a two-letter code, e.g. NA',
    }),
    ArrayUnique(),
  );

export class CreateDocumentDto implements CreateDocumentInput {
  @DocumentTitle()
  title: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiProperty({ type: DocumentOwnerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentOwnerDto)
  owner: DocumentOwnerDto;

  @TagList()
  tags?: string[];

  @RegionList()
  regions?: string[];

  @ProvinceList()
  provinceCodes?: string[];
}
