import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_MESSAGE_LIMITS } from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  NOT_BLANK,
  WELL_FORMED_UNICODE,
} from '../../../common/text-rules';

export class CreateSessionMessageDto {
  @ApiProperty({
    maxLength: SESSION_MESSAGE_LIMITS.body,
    example: 'Qualcuno ha il link al **quadro logico**?',
    description: 'Markdown, rendered and sanitised like posts; raw HTML is shown as text',
  })
  @IsString()
  @Length(1, SESSION_MESSAGE_LIMITS.body)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  @Matches(WELL_FORMED_UNICODE, { message: 'must be well-formed Unicode' })
  body: string;
}

export class SessionMessagesQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: SESSION_MESSAGE_LIMITS.pageMax,
    default: SESSION_MESSAGE_LIMITS.pageDefault,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SESSION_MESSAGE_LIMITS.pageMax)
  limit: number = SESSION_MESSAGE_LIMITS.pageDefault;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page: continues with older messages' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
