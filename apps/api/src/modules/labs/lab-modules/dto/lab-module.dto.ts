import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERABLE_KINDS,
  LAB_MODULE_LIMITS,
  type CreateLabModuleInput,
  type DeliverableKind,
  type UpdateLabModuleInput,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { HasDecimalPlaces } from '../../../../common/number-rules';
import { IfNotNull, IfPresent, NO_CONTROL_CHARACTERS, NO_NUL, trim } from '../../dto/lab-fields';

export class CreateLabModuleDto implements CreateLabModuleInput {
  @ApiProperty({
    example: 'Creazione dei Quadri Logici relativi alle macroaree individuate',
    maxLength: LAB_MODULE_LIMITS.title,
  })
  @Transform(trim)
  @IsString()
  @Length(1, LAB_MODULE_LIMITS.title)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' })
  title: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: LAB_MODULE_LIMITS.dimensionMax })
  @IfNotNull()
  @IsInt()
  @Min(1)
  @Max(LAB_MODULE_LIMITS.dimensionMax)
  dimension?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: LAB_MODULE_LIMITS.positionMax,
    description: 'Default: after the last',
  })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(LAB_MODULE_LIMITS.positionMax)
  position?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1.5,
    maximum: LAB_MODULE_LIMITS.plannedDaysMax,
    description: 'Days in presence (two decimals at most)',
  })
  @IfNotNull()
  @HasDecimalPlaces(2)
  @IsPositive()
  @Max(LAB_MODULE_LIMITS.plannedDaysMax)
  plannedDays?: number | null;

  @ApiPropertyOptional({ maxLength: LAB_MODULE_LIMITS.description })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @MaxLength(LAB_MODULE_LIMITS.description)
  @Matches(NO_NUL, { message: 'description must not contain NUL characters' })
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: DELIVERABLE_KINDS,
    description: 'Products the module expects',
  })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(DELIVERABLE_KINDS.length)
  @IsIn(DELIVERABLE_KINDS, {
    each: true,
    message: `each kind must be one of ${DELIVERABLE_KINDS.join(', ')}`,
  })
  @ArrayUnique()
  expectedDeliverables?: DeliverableKind[];
}

/** Only the fields sent change. */
export class UpdateLabModuleDto implements UpdateLabModuleInput {
  @ApiPropertyOptional({ maxLength: LAB_MODULE_LIMITS.title })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @Length(1, LAB_MODULE_LIMITS.title)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' })
  title?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: LAB_MODULE_LIMITS.dimensionMax })
  @IfNotNull()
  @IsInt()
  @Min(1)
  @Max(LAB_MODULE_LIMITS.dimensionMax)
  dimension?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: LAB_MODULE_LIMITS.positionMax })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(LAB_MODULE_LIMITS.positionMax)
  position?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, maximum: LAB_MODULE_LIMITS.plannedDaysMax })
  @IfNotNull()
  @HasDecimalPlaces(2)
  @IsPositive()
  @Max(LAB_MODULE_LIMITS.plannedDaysMax)
  plannedDays?: number | null;

  @ApiPropertyOptional({ maxLength: LAB_MODULE_LIMITS.description })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @MaxLength(LAB_MODULE_LIMITS.description)
  @Matches(NO_NUL, { message: 'description must not contain NUL characters' })
  description?: string;

  @ApiPropertyOptional({ type: [String], enum: DELIVERABLE_KINDS })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(DELIVERABLE_KINDS.length)
  @IsIn(DELIVERABLE_KINDS, {
    each: true,
    message: `each kind must be one of ${DELIVERABLE_KINDS.join(', ')}`,
  })
  @ArrayUnique()
  expectedDeliverables?: DeliverableKind[];
}
