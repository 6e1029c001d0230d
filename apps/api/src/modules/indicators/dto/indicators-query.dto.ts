import { ApiPropertyOptional } from '@nestjs/swagger';
import type { IndicatorsQuery } from '@convergo/contracts';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?from=&to=`: ISO calendar days, inclusive, Europe/Rome; `from` after `to` is a 400 too (service). */
export class IndicatorsQueryDto implements IndicatorsQuery {
  @ApiPropertyOptional({ format: 'date', example: '2009-01-01' })
  @IsOptional()
  @Matches(DAY, { message: 'must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2015-12-31' })
  @IsOptional()
  @Matches(DAY, { message: 'must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}
