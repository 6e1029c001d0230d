import { ApiProperty } from '@nestjs/swagger';
import type { TimerEvent } from '@convergo/contracts';

export class TimerResponse implements TimerEvent {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the countdown ends; null when it was cleared',
  })
  endsAt: string | null;
}
