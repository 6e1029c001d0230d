import { ApiProperty } from '@nestjs/swagger';
import { TWINNING_ADOPTED_STATUSES, type PracticeAdopterView } from '@convergo/contracts';
import { OrganizationSummaryResponse } from '../../../common/openapi';

export class PracticeAdopterResponse implements PracticeAdopterView {
  @ApiProperty({ type: OrganizationSummaryResponse, description: 'The receiving administration' })
  organization: OrganizationSummaryResponse;
  @ApiProperty({ format: 'uuid' }) twinningId: string;
  @ApiProperty({ enum: TWINNING_ADOPTED_STATUSES }) status: PracticeAdopterView['status'];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
}
