import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LAB_APPLICATION_DECISIONS,
  LAB_APPLICATION_LIMITS,
  type LabApplicationDecision,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, trimString } from '../../../common/text-rules';

export class DecideLabApplicationDto {
  @ApiProperty({ enum: LAB_APPLICATION_DECISIONS })
  @IsIn(LAB_APPLICATION_DECISIONS)
  decision: LabApplicationDecision;

  @ApiPropertyOptional({ maxLength: LAB_APPLICATION_LIMITS.note, description: 'Shown to the referent' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(LAB_APPLICATION_LIMITS.note)
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  note?: string;
}
