import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { REGION_NAMES, type RegionName } from '../reference-data';
import {
  EmptyToNull,
  IPA_CODE,
  MANAGED_KINDS,
  type ManagedKind,
  NormalizeSpaces,
  ORGANIZATION_NAME,
} from './organization-fields';

export class CreateOrganizationDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Agenzia per la Coesione Territoriale' })
  @NormalizeSpaces()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ORGANIZATION_NAME, {
    message: 'name may hold letters, digits, spaces and common punctuation only',
  })
  name: string;

  @ApiProperty({ enum: MANAGED_KINDS })
  @IsIn(MANAGED_KINDS)
  kind: ManagedKind;

  @ApiPropertyOptional({
    enum: REGION_NAMES,
    nullable: true,
    description: 'Omit or null for national bodies',
  })
  @IsOptional()
  @IsIn(REGION_NAMES)
  region?: RegionName | null;

  @ApiPropertyOptional({
    example: 'act',
    nullable: true,
    description: 'Code in the IPA index (indicepa.gov.it)',
  })
  @EmptyToNull()
  @IsOptional()
  @Matches(IPA_CODE, { message: 'ipaCode must be 2-40 letters, digits, "_", "." or "-"' })
  ipaCode?: string | null;

  @ApiPropertyOptional({ example: 'https://www.agenziacoesione.gov.it', nullable: true })
  @EmptyToNull()
  @IsOptional()
  @MaxLength(300)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;
}
