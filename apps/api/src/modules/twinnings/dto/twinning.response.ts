import { ApiProperty } from '@nestjs/swagger';
import { TWINNING_STATUSES, type TwinningStatus, type TwinningView } from '@convergo/contracts';
import { OrganizationSummaryResponse } from '../../../common/openapi';

export class TwinningResponse implements TwinningView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() practiceTitle: string;
  @ApiProperty() practiceDescription: string;
  @ApiProperty({ type: OrganizationSummaryResponse, description: 'The offering administration (offerente)' })
  offeringOrganization: OrganizationSummaryResponse;
  @ApiProperty({ type: [OrganizationSummaryResponse], description: 'The receiving ones (riceventi)' })
  receivingOrganizations: OrganizationSummaryResponse[];
  @ApiProperty({ enum: TWINNING_STATUSES }) status: TwinningStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: "Whether the asker's administration is a party" }) isParty: boolean;
}
