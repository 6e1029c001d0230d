import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRACTICE_THEME_CODE_PATTERN,
  PRACTICE_THEME_GROUPS,
  PRACTICE_THEME_LIMITS,
  type CreatePracticeThemeInput,
  type PracticeThemeGroup,
  type PracticeThemeView,
  type UpdatePracticeThemeInput,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { NO_CONTROL_CHARACTERS, trimString } from '../../../common/text-rules';

const IfPresent = () => ValidateIf((_, value) => value !== undefined);

const Label = (required: boolean, example: string) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ maxLength: PRACTICE_THEME_LIMITS.label, example }),
    ...(required ? [] : [IfPresent()]),
    Transform(trimString),
    IsString(),
    Length(1, PRACTICE_THEME_LIMITS.label),
    Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' }),
  );

export class CreatePracticeThemeDto implements CreatePracticeThemeInput {
  @ApiProperty({
    maxLength: PRACTICE_THEME_LIMITS.code,
    pattern: PRACTICE_THEME_CODE_PATTERN.source,
    example: 'transizione-ecologica',
    description: 'Stable, lower-case kebab-case',
  })
  @IsString()
  @Length(1, PRACTICE_THEME_LIMITS.code)
  @Matches(PRACTICE_THEME_CODE_PATTERN, { message: 'code must be lower-case kebab-case, e.g. turismo-lento' })
  code: string;

  @Label(true, 'Transizione ecologica')
  label: string;

  @Label(false, 'Ecological transition')
  labelEn?: string;

  @ApiPropertyOptional({ enum: PRACTICE_THEME_GROUPS, default: 'altro' })
  @IfPresent()
  @IsIn(PRACTICE_THEME_GROUPS)
  group?: PracticeThemeGroup;
}

export class UpdatePracticeThemeDto implements UpdatePracticeThemeInput {
  @Label(false, 'Servizi digitali ai cittadini')
  label?: string;

  @Label(false, 'Digital services to citizens')
  labelEn?: string;

  @ApiPropertyOptional({ enum: PRACTICE_THEME_GROUPS })
  @IfPresent()
  @IsIn(PRACTICE_THEME_GROUPS)
  group?: PracticeThemeGroup;
}

export class PracticeThemeResponse implements PracticeThemeView {
  @ApiProperty({ example: 'servizi-cittadini' }) code: string;
  @ApiProperty({ example: 'Servizi ai cittadini', description: 'Italian' }) label: string;
  @ApiProperty({ example: 'Services to citizens', description: 'English' }) labelEn: string;
  @ApiProperty({ enum: PRACTICE_THEME_GROUPS }) group: PracticeThemeGroup;
}
