import { ApiProperty } from '@nestjs/swagger';
import {
  ORGANIZATION_KINDS,
  type OrganizationKind,
  type OrganizationView,
  type Page,
} from '@convergo/contracts';
import { REGION_NAMES } from '../reference-data';

export class OrganizationResponse implements OrganizationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: "Comune di Città Sant'Angelo" })
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind: OrganizationKind;

  @ApiProperty({ enum: REGION_NAMES, nullable: true, type: String })
  region: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'PE', description: 'Province abbreviation' })
  provinceCode: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Pescara' })
  provinceName: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '068012',
    description:
      'Municipalities: the six-digit ISTAT code. Regions: "R" + ISTAT region number ("R15"); provinces and ' +
      'metropolitan cities: "P-" + abbreviation ("P-NA") — stable keys of the reference data, not ISTAT codes. ' +
      'Null for bodies added by administrators.',
  })
  istatCode: string | null;

  @ApiProperty({ nullable: true, type: String })
  ipaCode: string | null;

  @ApiProperty({ description: 'In a Convergence-objective region: Calabria, Campania, Puglia, Sicilia' })
  convergence: boolean;

  @ApiProperty({ nullable: true, type: String })
  website: string | null;
}

export class OrganizationPageResponse implements Page<OrganizationView> {
  @ApiProperty({ type: [OrganizationResponse] })
  items: OrganizationResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class RegionResponse {
  @ApiProperty({ enum: REGION_NAMES, description: 'The value of `region` and of the `region` filter' })
  name: string;

  @ApiProperty({ example: 'R15', description: "istatCode of the region's organisation" })
  code: string;

  @ApiProperty({ example: 15 })
  istatNumber: number;

  @ApiProperty()
  convergence: boolean;
}

export class RegionListResponse {
  @ApiProperty({ type: [RegionResponse] })
  items: RegionResponse[];
}
