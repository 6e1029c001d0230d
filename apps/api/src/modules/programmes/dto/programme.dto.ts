import { ApiProperty } from '@nestjs/swagger';
import type { Page, ProgrammeIndicator, ProgrammeView } from '@convergo/contracts';

export class ProgrammeIndicatorView implements ProgrammeIndicator {
  @ApiProperty({ example: 'gemellaggi-realizzati' })
  code: string;

  @ApiProperty({ example: 'Progetti di gemellaggio realizzati' })
  label: string;

  @ApiProperty({ type: Number, nullable: true, example: null })
  target: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 17 })
  achieved: number | null;

  @ApiProperty({ required: false, example: 'ore' })
  unit?: string;
}

/** The answer shape, for the OpenAPI document (the contract is ProgrammeView). */
export class ProgrammeDto implements ProgrammeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'agire-por-2007-2013' })
  code: string;

  @ApiProperty({ example: 'AGIRE POR 2007-2013' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PON GAT 2007-2013' })
  operationalProgramme: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'FESR' })
  fund: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Agenzia per la Coesione Territoriale' })
  beneficiary: string | null;

  @ApiProperty({ type: String, nullable: true, example: '4044957.00', description: 'Euro, two decimals' })
  totalBudget: string | null;

  @ApiProperty({ type: String, nullable: true, example: '642584.82', description: 'Euro, two decimals' })
  euCofinancing: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2009-01-01' })
  startDate: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2015-12-31' })
  endDate: string | null;

  @ApiProperty({ type: [String] })
  themes: string[];

  @ApiProperty({ type: [String] })
  partners: string[];

  @ApiProperty({ type: () => [ProgrammeIndicatorView] })
  indicators: ProgrammeIndicator[];
}

export class ProgrammePageDto implements Page<ProgrammeView> {
  @ApiProperty({ type: () => [ProgrammeDto] })
  items: ProgrammeDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to get the next page; null on the last page',
  })
  nextCursor: string | null;
}
