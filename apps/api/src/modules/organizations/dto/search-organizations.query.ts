import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, type OrganizationKind } from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/cursor';
import { REGION_NAMES, type RegionName } from '../reference-data';

/** No control characters: PostgreSQL refuses NUL in text, and nothing else in a name needs them. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export class SearchOrganizationsQuery {
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Words the name contains, case- and accent-insensitively ("citta" finds "Città")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ enum: REGION_NAMES })
  @IsOptional()
  @IsIn(REGION_NAMES)
  region?: RegionName;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'In a Convergence-objective region or not' })
  @IsOptional()
  @IsIn(['true', 'false'])
  convergence?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;

  /** Longer than the usual 512: the cursor carries a name of up to 200 characters. */
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}
