import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERABLE_KINDS, DELIVERABLE_LIMITS, type DeliverableKind } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NO_CONTROL_CHARACTERS, NOT_BLANK, trimString } from '../../../common/text-rules';

export class CreateDeliverableDto {
  @ApiProperty({ format: 'uuid', description: 'A working group of this lab' })
  @IsUUID('all', { message: 'must be a UUID' })
  groupId: string;

  @ApiProperty({ enum: DELIVERABLE_KINDS })
  @IsIn(DELIVERABLE_KINDS)
  kind: DeliverableKind;

  @ApiProperty({ example: 'Quadro logico – macro-area Governance', maxLength: DELIVERABLE_LIMITS.title })
  @Transform(trimString)
  @IsString()
  @Length(1, DELIVERABLE_LIMITS.title)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' })
  title: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A module of this lab' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  moduleId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-31T18:00:00+02:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO-8601 date-time' })
  dueAt?: string;
}
