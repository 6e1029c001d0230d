import { ApiProperty } from '@nestjs/swagger';
import { POLL_LIMITS } from '@convergo/contracts';
import { IsInt, Max, Min } from 'class-validator';

export class VoteDto {
  @ApiProperty({
    minimum: 0,
    maximum: POLL_LIMITS.maxOptions - 1,
    description: "0-based index of one of the poll's options; a new vote replaces the member's previous one",
  })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(POLL_LIMITS.maxOptions - 1)
  option: number;
}
