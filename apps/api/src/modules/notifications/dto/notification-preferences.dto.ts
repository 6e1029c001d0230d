import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_FREQUENCIES, type EmailFrequency } from '@convergo/contracts';
import { IsIn } from 'class-validator';

export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    enum: EMAIL_FREQUENCIES,
    description: 'E-mail: each notification at once, a daily digest, or none',
  })
  @IsIn(EMAIL_FREQUENCIES)
  email: EmailFrequency;
}
