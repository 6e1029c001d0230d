import { ApiProperty } from '@nestjs/swagger';
import {
  TWINNING_STATUSES,
  type TwinningActivityView,
  type TwinningStatus,
  type TwinningStatusChangeView,
  type TwinningView,
} from '@convergo/contracts';
import { OrganizationSummaryResponse } from '../../../common/openapi';

export class TwinningStatusChangeResponse implements TwinningStatusChangeView {
  @ApiProperty({ enum: TWINNING_STATUSES, nullable: true, type: String }) from: TwinningStatus | null;
  @ApiProperty({ enum: TWINNING_STATUSES }) to: TwinningStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) changedBy: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class TwinningActivityResponse implements TwinningActivityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) twinningId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

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
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The practice handed over; null for older twinnings',
  })
  practiceId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The programme it belongs to' })
  programmeId: string | null;
  @ApiProperty({ description: 'What the receiving administration asked for' }) needs: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) concludedAt: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) plannedStart: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) plannedEnd: string | null;
  @ApiProperty({ nullable: true, type: String, example: '12500.00', description: 'Euros, decimal' })
  budget: string | null;
  @ApiProperty() outcomes: string;
  @ApiProperty({ type: [TwinningStatusChangeResponse], description: 'Oldest first' })
  history: TwinningStatusChangeResponse[];
  @ApiProperty({ type: [TwinningActivityResponse], description: 'Oldest first' })
  activities: TwinningActivityResponse[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Its private space: for the parties’ members and admins, once selected; null otherwise',
  })
  spaceId: string | null;
  @ApiProperty({ description: 'Whether I may edit dates, budget and outcomes (a party’s referent, admins)' })
  canEdit: boolean;
}
