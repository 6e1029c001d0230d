import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAMME_LIMITS, type ProgrammeIndicatorInput } from '@convergo/contracts';
import { IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NOT_BLANK = /\S/;
const MAX_FIGURE = 1e15;

export class ProgrammeIndicatorDto implements ProgrammeIndicatorInput {
  @ApiProperty({
    example: 'gemellaggi-realizzati',
    maxLength: PROGRAMME_LIMITS.indicatorCode,
    pattern: SLUG.source,
  })
  @IsString()
  @MaxLength(PROGRAMME_LIMITS.indicatorCode)
  @Matches(SLUG, { message: 'must be lower-case letters and digits separated by single hyphens' })
  code: string;

  @ApiProperty({ example: 'Progetti di gemellaggio realizzati', maxLength: PROGRAMME_LIMITS.indicatorLabel })
  @IsString()
  @MaxLength(PROGRAMME_LIMITS.indicatorLabel)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  label: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: null })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_FIGURE)
  target?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 17 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_FIGURE)
  achieved?: number | null;

  @ApiPropertyOptional({ example: 'ore', maxLength: PROGRAMME_LIMITS.unit })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(PROGRAMME_LIMITS.unit)
  unit?: string;
}
