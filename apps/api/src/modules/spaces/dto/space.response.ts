import { ApiProperty } from '@nestjs/swagger';
import {
  SPACE_ROLES,
  SPACE_VISIBILITIES,
  type SpaceMemberView,
  type SpaceRole,
  type SpaceSubscriptionView,
  type SpaceView,
  type SpaceViewerState,
  type SpaceVisibility,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

export class SpaceViewerResponse implements SpaceViewerState {
  @ApiProperty({ enum: SPACE_ROLES, nullable: true }) role: SpaceRole | null;
  @ApiProperty() following: boolean;
  @ApiProperty() canModerate: boolean;
}

export class SpaceResponse implements SpaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SPACE_VISIBILITIES }) visibility: SpaceVisibility;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set when visibility is `lab`' })
  labId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The working group of a coaching space (visibility `coaching`)',
  })
  labGroupId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The twinning of a twinning space (visibility `twinning`)',
  })
  twinningId: string | null;
  @ApiProperty() threadCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: SpaceViewerResponse, nullable: true, description: 'The asker; null in events' })
  viewer: SpaceViewerResponse | null;
}

export class SpaceMemberResponse implements SpaceMemberView {
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
  @ApiProperty({ enum: SPACE_ROLES }) role: SpaceRole;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class SpaceSubscriptionResponse implements SpaceSubscriptionView {
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty() following: boolean;
}
