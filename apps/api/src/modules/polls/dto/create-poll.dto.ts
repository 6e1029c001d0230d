import { ApiProperty } from '@nestjs/swagger';
import { POLL_LIMITS } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import {
  NO_CONTROL_CHARACTERS,
  NOT_BLANK,
  trimString,
  WELL_FORMED_UNICODE,
} from '../../../common/text-rules';

const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

export class CreatePollDto {
  @ApiProperty({ example: 'Quale macro-area affrontiamo per prima?', maxLength: POLL_LIMITS.question })
  @Transform(trimString)
  @IsString()
  @Length(1, POLL_LIMITS.question)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' })
  @Matches(WELL_FORMED_UNICODE, { message: 'must be well-formed Unicode' })
  question: string;

  @ApiProperty({
    type: [String],
    minItems: POLL_LIMITS.minOptions,
    maxItems: POLL_LIMITS.maxOptions,
    example: ['Governance', 'Semplificazione', 'Digitalizzazione'],
    description: `The labels, in order; each up to ${POLL_LIMITS.optionLabel} characters, all different`,
  })
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(POLL_LIMITS.minOptions)
  @ArrayMaxSize(POLL_LIMITS.maxOptions)
  @IsString({ each: true })
  @Length(1, POLL_LIMITS.optionLabel, { each: true })
  @Matches(NOT_BLANK, { each: true, message: 'each option must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { each: true, message: 'each option must not contain control characters' })
  @Matches(WELL_FORMED_UNICODE, { each: true, message: 'each option must be well-formed Unicode' })
  options: string[];
}
