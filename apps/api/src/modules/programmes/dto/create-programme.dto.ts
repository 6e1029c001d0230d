import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAMME_LIMITS, type CreateProgrammeInput } from '@convergo/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NOT_BLANK, ProgrammeIndicatorDto, SLUG } from './programme-indicator.dto';

/** numeric(14,2): up to 12 integer digits and 2 decimals, as a string so cents stay exact. */
const EURO = /^\d{1,12}(\.\d{1,2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const NullableText = (maxLength: number, example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength, example }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );

const NullableEuro = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, pattern: EURO.source, example, description: 'Euro' }),
    IsOptional(),
    IsString(),
    Matches(EURO, {
      message: 'must be an amount in euro such as "4044957.00" (up to 12 digits, 2 decimals)',
    }),
  );

const NullableDate = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date', nullable: true, example }),
    IsOptional(),
    IsString(),
    Matches(DATE_ONLY, { message: 'must be a date in the form YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: 'must be a real calendar date' }),
  );

/** Present or absent, never null: the column is not nullable. */
const TextList = (example: string[]) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: PROGRAMME_LIMITS.listItems, example }),
    ValidateIf((_, value) => value !== undefined),
    IsArray(),
    ArrayMaxSize(PROGRAMME_LIMITS.listItems),
    IsString({ each: true }),
    MaxLength(PROGRAMME_LIMITS.listItem, { each: true }),
    Matches(NOT_BLANK, { each: true, message: 'each value must not be blank' }),
    ArrayUnique(),
  );

export class CreateProgrammeDto implements CreateProgrammeInput {
  @ApiProperty({ example: 'agire-por-2007-2013', maxLength: PROGRAMME_LIMITS.code, pattern: SLUG.source })
  @IsString()
  @MaxLength(PROGRAMME_LIMITS.code)
  @Matches(SLUG, { message: 'must be lower-case letters and digits separated by single hyphens' })
  code: string;

  @ApiProperty({ example: 'AGIRE POR 2007-2013', maxLength: PROGRAMME_LIMITS.name })
  @IsString()
  @MaxLength(PROGRAMME_LIMITS.name)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  name: string;

  @NullableText(PROGRAMME_LIMITS.description)
  description?: string | null;

  @NullableText(PROGRAMME_LIMITS.shortText, 'PON GAT 2007-2013')
  operationalProgramme?: string | null;

  @NullableText(PROGRAMME_LIMITS.shortText, 'FESR')
  fund?: string | null;

  @NullableText(PROGRAMME_LIMITS.shortText, 'Agenzia per la Coesione Territoriale')
  beneficiary?: string | null;

  @NullableEuro('4044957.00')
  totalBudget?: string | null;

  @NullableEuro('642584.82')
  euCofinancing?: string | null;

  @NullableDate('2009-01-01')
  startDate?: string | null;

  @NullableDate('2015-12-31')
  endDate?: string | null;

  @TextList(['Cooperazione tra Pubbliche Amministrazioni'])
  themes?: string[];

  @TextList(['Regioni', 'Enti Locali'])
  partners?: string[];

  @ApiPropertyOptional({ type: () => [ProgrammeIndicatorDto], maxItems: PROGRAMME_LIMITS.indicators })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(PROGRAMME_LIMITS.indicators)
  @ArrayUnique((indicator: ProgrammeIndicatorDto) => indicator?.code, {
    message: 'indicator codes must be unique',
  })
  @ValidateNested({ each: true })
  @Type(() => ProgrammeIndicatorDto)
  indicators?: ProgrammeIndicatorDto[];
}
