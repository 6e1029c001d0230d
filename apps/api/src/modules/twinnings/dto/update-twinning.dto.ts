import { ApiPropertyOptional } from '@nestjs/swagger';
import { TWINNING_BUDGET_PATTERN, TWINNING_LIMITS, type UpdateTwinningInput } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  WELL_FORMED_UNICODE,
  trimString,
} from '../../../common/text-rules';

/** Absent or null (null clears the value). */
const IfNotNull = () => ValidateIf((_, value) => value !== undefined && value !== null);
/** A day of years 1900–2199 (PostgreSQL refuses year 0; no plan reaches further). */
const DAY = /^(19|20|21)\d{2}-\d{2}-\d{2}$/;
/** A JSON number is read as the decimal it prints as (1e21 prints as an exponent and is refused). */
const numberAsDecimal = ({ value }: { value: unknown }) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : value;

export class UpdateTwinningDto implements UpdateTwinningInput {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-01-15' })
  @IfNotNull()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be a valid date' })
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD (years 1900–2199)' })
  plannedStart?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-12-31',
    description: 'Not before plannedStart',
  })
  @IfNotNull()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be a valid date' })
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD (years 1900–2199)' })
  plannedEnd?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '12500.50',
    pattern: TWINNING_BUDGET_PATTERN.source,
    description: 'Euros: a non-negative decimal with at most two decimals (a JSON number is accepted too)',
  })
  @IfNotNull()
  @Transform(numberAsDecimal)
  @IsString()
  @Matches(TWINNING_BUDGET_PATTERN, {
    message: 'must be a non-negative amount with at most two decimals (at most 12 digits before them)',
  })
  budget?: string | null;

  @ApiPropertyOptional({ maxLength: TWINNING_LIMITS.outcomes, description: 'Plain text, shown as written' })
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trimString)
  @IsString()
  @MaxLength(TWINNING_LIMITS.outcomes)
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  @Matches(WELL_FORMED_UNICODE, { message: 'must be well-formed Unicode' })
  outcomes?: string;
}
