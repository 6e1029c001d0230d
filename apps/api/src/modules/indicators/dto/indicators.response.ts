import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ComputedIndicator,
  IndicatorBreakdown,
  IndicatorBreakdownItem,
  IndicatorCode,
  IndicatorDimension,
  ProgrammeIndicatorsView,
} from '@convergo/contracts';
import { INDICATOR_CODES, INDICATOR_DIMENSIONS } from '@convergo/contracts';
import { ProgrammeIndicatorView } from '../../programmes/dto/programme.dto';

export class IndicatorBreakdownItemDto implements IndicatorBreakdownItem {
  @ApiProperty({ example: '15' })
  key: string;

  @ApiProperty({ example: 'Campania' })
  label: string;

  @ApiProperty({ example: 12 })
  value: number;
}

export class IndicatorBreakdownDto implements IndicatorBreakdown {
  @ApiProperty({ enum: INDICATOR_DIMENSIONS })
  dimension: IndicatorDimension;

  @ApiProperty({ example: 'per regione' })
  label: string;

  @ApiProperty({ type: [IndicatorBreakdownItemDto] })
  items: IndicatorBreakdownItemDto[];
}

export class ComputedIndicatorDto implements ComputedIndicator {
  @ApiProperty({ enum: INDICATOR_CODES })
  code: IndicatorCode;

  @ApiProperty({ example: 'Gemellaggi conclusi' })
  label: string;

  @ApiProperty({ example: 17 })
  value: number;

  @ApiPropertyOptional({ enum: ['ore'] })
  unit?: 'ore';

  @ApiPropertyOptional({ type: [IndicatorBreakdownDto], description: 'Admins only' })
  breakdown?: IndicatorBreakdownDto[];
}

export class IndicatorsPeriodDto {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  from: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  to: string | null;
}

/** The answer shape, for the OpenAPI document (the contract is ProgrammeIndicatorsView). */
export class ProgrammeIndicatorsDto implements ProgrammeIndicatorsView {
  @ApiProperty({ format: 'uuid' })
  programmeId: string;

  @ApiProperty({ example: 'agire-por-2007-2013' })
  programmeCode: string;

  @ApiProperty({ example: 'AGIRE POR 2007-2013' })
  programmeName: string;

  @ApiProperty({ type: IndicatorsPeriodDto })
  period: IndicatorsPeriodDto;

  @ApiProperty({ format: 'date-time' })
  computedAt: string;

  @ApiProperty({ type: [ComputedIndicatorDto] })
  computed: ComputedIndicatorDto[];

  @ApiProperty({ type: [ProgrammeIndicatorView] })
  reported: ProgrammeIndicatorView[];
}
