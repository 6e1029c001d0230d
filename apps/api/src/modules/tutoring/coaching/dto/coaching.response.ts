import { ApiProperty } from '@nestjs/swagger';
import type { CoachingThreadView, TutoringLabRef } from '@convergo/contracts';

class CoachingLabResponse implements TutoringLabRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

class CoachingGroupResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class CoachingThreadResponse implements CoachingThreadView {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Read and write it with the /threads/:id endpoints; null in the list while the group’s thread is not opened yet (GET /lab-groups/:id/coaching-thread opens it)',
  })
  threadId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) spaceId: string | null;
  @ApiProperty({ type: CoachingLabResponse }) lab: CoachingLabResponse;
  @ApiProperty({ type: CoachingGroupResponse }) group: CoachingGroupResponse;
  @ApiProperty() title: string;
  @ApiProperty() postCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt: string | null;
  @ApiProperty({ description: 'Posts by others the asker has not read' }) unreadCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lastReadPostId: string | null;
}
