import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATCH_UP_DEFAULT_LIMIT, CATCH_UP_MAX_LIMIT } from '@convergo/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ROOM_LENGTH } from '../room-authorizer';

/** Syntax only; whether the kind is served and the member may read it is the room authorizer's call. */
const ROOM_SYNTAX = /^(moderation|admin|[a-z][a-z_]{0,31}:[A-Za-z0-9_-]{1,64})$/;
/** Up to 18 digits: always below PostgreSQL's bigint ceiling, so a huge value is a 400, not a 500. */
const EVENT_ID = /^(0|[1-9][0-9]{0,17})$/;

export class CatchUpQueryDto {
  @ApiProperty({ description: 'The room: `<kind>:<id>`, `moderation` or `admin`', example: 'member:0b6f…' })
  @IsString()
  @MaxLength(MAX_ROOM_LENGTH)
  @Matches(ROOM_SYNTAX, { message: 'room must be <kind>:<id>, moderation or admin' })
  room: string;

  @ApiPropertyOptional({
    description: 'The id of the last event the client has (exclusive)',
    default: '0',
    example: '41',
  })
  @IsOptional()
  @IsString()
  @Matches(EVENT_ID, { message: 'after must be an event id: a decimal number without leading zeros' })
  after = '0';

  @ApiPropertyOptional({ minimum: 1, maximum: CATCH_UP_MAX_LIMIT, default: CATCH_UP_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CATCH_UP_MAX_LIMIT)
  limit = CATCH_UP_DEFAULT_LIMIT;
}
