import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_LIMITS,
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  type AttendanceMode,
  type AttendanceStatus,
  type UpdateAttendanceInput,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, NOT_BLANK, trimString } from '../../../common/text-rules';

/** Absent is fine; null is not a value here (it would read as 0 minutes or no mode). */
const IfPresent = () => ValidateIf((_, value) => value !== undefined);

export class UpdateAttendanceDto implements UpdateAttendanceInput {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, description: 'Default: the row’s current mode' })
  @IfPresent()
  @IsIn(ATTENDANCE_MODES)
  mode?: AttendanceMode;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: ATTENDANCE_LIMITS.maxMinutes,
    description:
      'Minutes credited when present (at most the session’s length); default: what the stays say. ' +
      'Absent and excused rows count 0',
  })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(ATTENDANCE_LIMITS.maxMinutes)
  minutes?: number;

  @ApiPropertyOptional({
    maxLength: ATTENDANCE_LIMITS.note,
    description: 'Why: required once the register is confirmed (the change is then logged)',
  })
  @IfPresent()
  @Transform(trimString)
  @IsString()
  @Length(1, ATTENDANCE_LIMITS.note)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  note?: string;
}
