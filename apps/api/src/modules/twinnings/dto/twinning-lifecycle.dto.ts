import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TWINNING_LIMITS, TWINNING_STATUSES, type TwinningStatus } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/optional';
import {
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  NOT_BLANK,
  WELL_FORMED_UNICODE,
  trimString as trim,
} from '../../../common/text-rules';

const noControl = () => Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' });
const noControlButBreaks = () =>
  Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' });
const wellFormed = () => Matches(WELL_FORMED_UNICODE, { message: 'must be well-formed Unicode' });
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

export class CreateTwinningRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The receiving administration (the referent’s own, unless admin)',
  })
  @Transform(lower)
  @IsUUID('all')
  organizationId: string;

  @ApiPropertyOptional({ maxLength: TWINNING_LIMITS.needs, description: 'What the administration needs' })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(TWINNING_LIMITS.needs)
  @noControlButBreaks()
  @wellFormed()
  needs?: string;
}

export class ChangeTwinningStatusDto {
  @ApiProperty({ enum: TWINNING_STATUSES, description: 'Allowed moves: TWINNING_TRANSITIONS' })
  @IsIn(TWINNING_STATUSES)
  status: TwinningStatus;

  @ApiPropertyOptional({ maxLength: TWINNING_LIMITS.note })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(TWINNING_LIMITS.note)
  @noControlButBreaks()
  @wellFormed()
  note?: string;
}

export class CreateTwinningActivityDto {
  @ApiProperty({ minLength: 1, maxLength: TWINNING_LIMITS.activityTitle })
  @Transform(trim)
  @IsString()
  @Length(1, TWINNING_LIMITS.activityTitle)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @noControl()
  @wellFormed()
  title: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptionalNotNull()
  @IsDateString({ strict: true })
  dueAt?: string;
}

export class UpdateTwinningActivityDto {
  @ApiProperty()
  @IsBoolean()
  done: boolean;
}
