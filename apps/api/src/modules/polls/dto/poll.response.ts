import { ApiProperty } from '@nestjs/swagger';
import { POLL_STATUSES, type PollListView, type PollStatus, type PollView } from '@convergo/contracts';

export class PollOptionResponse {
  @ApiProperty() label: string;
  @ApiProperty({ minimum: 0 }) votes: number;
}

export class PollResponse implements PollView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() question: string;
  @ApiProperty({ type: [PollOptionResponse], description: 'In order; counts only, never who voted what' })
  options: PollOptionResponse[];
  @ApiProperty({ minimum: 0, description: 'Members who voted (one vote each)' }) totalVotes: number;
  @ApiProperty({ enum: POLL_STATUSES }) status: PollStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
}

export class PollListResponse implements PollListView {
  @ApiProperty({ type: [PollResponse], description: 'Newest first' })
  items: PollResponse[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    example: { '0b7c6f1e-3d5a-4c1f-9a3e-2f6d8b1c4e5a': 1 },
    description: 'The asker’s own option per poll id (polls they did not vote on are absent)',
  })
  myVotes: Record<string, number>;
}
