import { ApiProperty } from '@nestjs/swagger';
import {
  ORGANIZATION_NEEDS_LIMITS,
  PRACTICE_THEME_CODE_PATTERN,
  PRACTICE_THEME_LIMITS,
  type OrganizationNeedsView,
  type UpdateOrganizationNeedsRequest,
} from '@convergo/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { MultiLine } from '../../practices/dto/practice-fields';
import { PracticeThemeResponse } from '../../practice-themes/dto/practice-theme.dto';

export class UpdateOrganizationNeedsDto implements UpdateOrganizationNeedsRequest {
  @ApiProperty({
    type: [String],
    maxItems: ORGANIZATION_NEEDS_LIMITS.themes,
    example: ['innovazione-processi-dematerializzazione'],
    description: 'Theme codes of GET /api/v1/practice-themes (may be empty)',
  })
  @IsArray()
  @ArrayMaxSize(ORGANIZATION_NEEDS_LIMITS.themes)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(PRACTICE_THEME_LIMITS.code, { each: true })
  @Matches(PRACTICE_THEME_CODE_PATTERN, { each: true, message: 'each theme must be a theme code' })
  themes: string[];

  @MultiLine(ORGANIZATION_NEEDS_LIMITS.description, 'The needs in the administration’s own words')
  description?: string;
}

export class OrganizationNeedsResponse implements OrganizationNeedsView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: [PracticeThemeResponse] }) themes: PracticeThemeResponse[];
  @ApiProperty() description: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiProperty({ description: 'Whether the asker (its referent, an admin) may change them' })
  canEdit: boolean;
}
