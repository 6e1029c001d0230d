import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { REGION_NAMES, type RegionName } from '../reference-data';
import {
  EmptyToNull,
  IPA_CODE,
  MANAGED_KINDS,
  type ManagedKind,
  NormalizeSpaces,
  ORGANIZATION_NAME,
} from './organization-fields';

/** Every field optional; null clears region, ipaCode and website. Regions, provinces and municipalities keep ISTAT's name, kind and region. */
export class UpdateOrganizationDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 200 })
  @NormalizeSpaces()
  @ValidateIf((dto: UpdateOrganizationDto) => dto.name !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ORGANIZATION_NAME, {
    message: 'name may hold letters, digits, spaces and common punctuation only',
  })
  name?: string;

  @ApiPropertyOptional({ enum: MANAGED_KINDS })
  @ValidateIf((dto: UpdateOrganizationDto) => dto.kind !== undefined)
  @IsIn(MANAGED_KINDS)
  kind?: ManagedKind;

  @ApiPropertyOptional({ enum: REGION_NAMES, nullable: true })
  @IsOptional()
  @IsIn(REGION_NAMES)
  region?: RegionName | null;

  @ApiPropertyOptional({ nullable: true })
  @EmptyToNull()
  @IsOptional()
  @Matches(IPA_CODE, { message: 'ipaCode must be 2-40 letters, digits, "_", "." or "-"' })
  ipaCode?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @EmptyToNull()
  @IsOptional()
  @MaxLength(300)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;
}
