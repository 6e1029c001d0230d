import { ApiProperty } from '@nestjs/swagger';
import {
  LAB_APPLICATION_STATUSES,
  type LabApplicationStatus,
  type LabApplicationView,
} from '@convergo/contracts';
import { MemberRefResponse, OrganizationSummaryResponse } from '../../../common/openapi';

export class LabApplicationResponse implements LabApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ type: OrganizationSummaryResponse }) organization: OrganizationSummaryResponse;
  @ApiProperty({ type: [MemberRefResponse], description: 'The officials applied for' })
  members: MemberRefResponse[];
  @ApiProperty({ type: String, nullable: true }) motivation: string | null;
  @ApiProperty({ enum: LAB_APPLICATION_STATUSES }) status: LabApplicationStatus;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) appliedBy: MemberRefResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) decidedBy: MemberRefResponse | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}
