import { ApiProperty } from '@nestjs/swagger';
import type { CheckInInput } from '@convergo/contracts';
import { IsString, Length } from 'class-validator';

export class CheckInDto implements CheckInInput {
  @ApiProperty({
    minLength: 1,
    maxLength: 32,
    example: 'K7PX3M',
    description: 'The code shown as a QR code in the room (case and spaces do not matter)',
  })
  @IsString()
  @Length(1, 32)
  code: string;
}
