import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRACTICE_LIMITS,
  PRACTICE_THEME_CODE_PATTERN,
  PRACTICE_THEME_LIMITS,
  type PracticeContacts,
  type PracticePeriod,
  type PracticeReuseConditions,
} from '@convergo/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsISO8601,
  IsObject,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  NOT_BLANK,
  trimString,
} from '../../../common/text-rules';

/** Present or absent, never null. */
export const IfPresent = () => ValidateIf((_, value) => value !== undefined);
/** Absent or null (null clears the value). */
export const IfNotNull = () => ValidateIf((_, value) => value !== undefined && value !== null);

/** A one-line text (titles, names). */
export const OneLine = (maxLength: number, required: boolean, example?: string) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ maxLength, example }),
    ...(required ? [] : [IfPresent()]),
    Transform(trimString),
    IsString(),
    Length(1, maxLength),
    Matches(NOT_BLANK, { message: 'must not be blank' }),
    Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' }),
  );

/** A multi-line text, possibly empty. */
export const MultiLine = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength, description }),
    IfPresent(),
    Transform(trimString),
    IsString(),
    MaxLength(maxLength),
    Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' }),
  );

/** A nullable one-line text (null clears it). */
const NullableLine = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength, nullable: true, type: String, description }),
    IfNotNull(),
    Transform(trimString),
    IsString(),
    MaxLength(maxLength),
    Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' }),
  );

export const PracticeThemes = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      type: [String],
      minItems: 1,
      maxItems: PRACTICE_LIMITS.themes,
      example: ['servizi-cittadini', 'interoperabilita-cooperazione-applicativa'],
      description: 'Theme codes of GET /api/v1/practice-themes',
    }),
    ...(required ? [] : [IfPresent()]),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(PRACTICE_LIMITS.themes),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(PRACTICE_THEME_LIMITS.code, { each: true }),
    Matches(PRACTICE_THEME_CODE_PATTERN, { each: true, message: 'each theme must be a theme code' }),
  );

export class PracticePeriodDto implements Partial<PracticePeriod> {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2010-01-01' })
  @IfNotNull()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  from?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2012-12-31' })
  @IfNotNull()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  to?: string | null;
}

export class PracticeReuseConditionsDto implements Partial<PracticeReuseConditions> {
  @NullableLine(PRACTICE_LIMITS.licence, 'E.g. EUPL-1.2, CC BY 4.0')
  licence?: string | null;

  @MultiLine(PRACTICE_LIMITS.handedOver, 'What is handed over: software, manuals, models, training')
  handedOver?: string;

  @MultiLine(PRACTICE_LIMITS.effort, 'The effort for the receiving administration')
  effort?: string;
}

/** Institutional contacts only (an office), published with the practice and in the open data. */
export class PracticeContactsDto implements PracticeContacts {
  @OneLine(PRACTICE_LIMITS.contactOffice, true, 'Ufficio Sistemi informativi')
  office: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PRACTICE_LIMITS.contactEmail })
  @IfNotNull()
  @IsString()
  @MaxLength(PRACTICE_LIMITS.contactEmail)
  @IsEmail({}, { message: 'email must be an e-mail address (an office’s, or its PEC)' })
  email: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PRACTICE_LIMITS.contactPhone })
  @IfNotNull()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: 'phone must be a telephone number' })
  phone: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PRACTICE_LIMITS.contactWebsite })
  @IfNotNull()
  @IsString()
  @MaxLength(PRACTICE_LIMITS.contactWebsite)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'website must be an http(s) URL' },
  )
  website: string | null;
}

export const Nested = <T>(type: new () => T, description: string, nullable = false) =>
  applyDecorators(
    ApiPropertyOptional({ type, description, nullable }),
    nullable ? IfNotNull() : IfPresent(),
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );
