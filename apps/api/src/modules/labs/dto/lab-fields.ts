import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LAB_AMBITI,
  LAB_CAPACITY_MAX,
  LAB_DESCRIPTION_MAX_LENGTH,
  LAB_EXPECTED_RESULTS_MAX_LENGTH,
  LAB_OBJECTIVES_MAX_LENGTH,
  LAB_TARGET_ADMINISTRATIONS_MAX_LENGTH,
  LAB_TITLE_MAX_LENGTH,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { REGION_NAMES } from '../../organizations/reference-data';

/** PostgreSQL refuses NUL in text; multi-line fields keep newlines and tabs. */
export const NO_NUL = /^[^\u0000]*$/;
/** One-line fields (titles, places): no control characters at all. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Present or absent, never null (for columns that are not nullable). */
export const IfPresent = () => ValidateIf((_, value) => value !== undefined);
/** Absent or null (null clears the value). */
export const IfNotNull = () => ValidateIf((_, value) => value !== undefined && value !== null);

export const LabTitle = (required: boolean) =>
  applyDecorators(
    required
      ? ApiProperty({
          example: 'Laboratorio sulle strategie per la cooperazione internazionale',
          maxLength: LAB_TITLE_MAX_LENGTH,
        })
      : ApiPropertyOptional({ maxLength: LAB_TITLE_MAX_LENGTH }),
    ...(required ? [] : [IfPresent()]),
    Transform(trim),
    IsString(),
    Length(1, LAB_TITLE_MAX_LENGTH),
    Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' }),
  );

export const LabAmbitoField = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      enum: LAB_AMBITI,
      description: 'A: strategy, competences, organisation; B: territorial round-tables; C: interregional',
    }),
    ...(required ? [] : [IfPresent()]),
    IsIn(LAB_AMBITI),
  );

/** Optional free text (Markdown-free, multi-line), never null. */
export const LabText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength, description }),
    IfPresent(),
    Transform(trim),
    IsString(),
    MaxLength(maxLength),
    Matches(NO_NUL, { message: 'must not contain NUL characters' }),
  );

export const LabDescription = () => LabText(LAB_DESCRIPTION_MAX_LENGTH);
export const LabObjectives = () => LabText(LAB_OBJECTIVES_MAX_LENGTH, 'What the lab sets out to do');
export const LabExpectedResults = () => LabText(LAB_EXPECTED_RESULTS_MAX_LENGTH, 'Risultati attesi');
export const LabTargetAdministrations = () =>
  LabText(LAB_TARGET_ADMINISTRATIONS_MAX_LENGTH, 'Which administrations the lab is for');

export const LabCapacity = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: Number,
      nullable: true,
      minimum: 1,
      maximum: LAB_CAPACITY_MAX,
      description: 'Places for participants; null: unlimited',
    }),
    IfNotNull(),
    IsInt(),
    Min(1),
    Max(LAB_CAPACITY_MAX),
  );

export const LabRegions = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], enum: REGION_NAMES, example: ['Campania', 'Puglia'] }),
    IfPresent(),
    IsArray(),
    ArrayMaxSize(REGION_NAMES.length),
    IsIn(REGION_NAMES, { each: true, message: 'each region must be an Italian region, e.g. Campania' }),
    ArrayUnique(),
  );

export const LabProgrammeId = () =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The programme that funds the lab' }),
    IfNotNull(),
    IsUUID('all'),
  );
