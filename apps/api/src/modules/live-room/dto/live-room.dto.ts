import { ApiProperty } from '@nestjs/swagger';
import { LIVE_LIMITS, SESSION_LIMITS } from '@convergo/contracts';
import { IsInt, Max, Min } from 'class-validator';

/** `POST /sessions/:id/agenda-step`. */
export class AgendaStepDto {
  @ApiProperty({ minimum: 0, description: "0-based index into the session's agenda" })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(SESSION_LIMITS.agendaItems - 1)
  step: number;
}

/** `POST /sessions/:id/timer`. */
export class TimerDto {
  @ApiProperty({
    minimum: 0,
    maximum: LIVE_LIMITS.timerSeconds,
    description: 'Seconds from now until the countdown ends; 0 clears it',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(LIVE_LIMITS.timerSeconds)
  seconds: number;
}
