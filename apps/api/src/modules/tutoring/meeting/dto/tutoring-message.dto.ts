import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TUTORING_LIMITS,
  TUTORING_MESSAGE_LIMITS,
  type CreateTutoringMessageInput,
} from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  NOT_BLANK,
  WELL_FORMED_UNICODE,
} from '../../../../common/text-rules';

export class CreateTutoringMessageDto implements CreateTutoringMessageInput {
  @ApiProperty({
    maxLength: TUTORING_LIMITS.message,
    example: 'Ho caricato la bozza del **piano di lavoro**: la vediamo insieme?',
    description: 'Markdown, rendered and sanitised like posts; raw HTML is shown as text',
  })
  @IsString()
  @Length(1, TUTORING_LIMITS.message)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  @Matches(WELL_FORMED_UNICODE, { message: 'must be well-formed Unicode' })
  body: string;
}

export class TutoringMessagesQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: TUTORING_MESSAGE_LIMITS.pageMax,
    default: TUTORING_MESSAGE_LIMITS.pageDefault,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TUTORING_MESSAGE_LIMITS.pageMax)
  limit: number = TUTORING_MESSAGE_LIMITS.pageDefault;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page: continues with older messages' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
