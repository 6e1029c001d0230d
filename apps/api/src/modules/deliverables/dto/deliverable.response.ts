import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERABLE_KINDS,
  DELIVERABLE_REVIEW_DECISIONS,
  DELIVERABLE_STATUSES,
  type DeliverableKind,
  type DeliverableReviewDecision,
  type DeliverableReviewView,
  type DeliverableStatus,
  type DeliverableSubmissionView,
  type DeliverableView,
} from '@convergo/contracts';

export class DeliverableReviewerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class DeliverableSubmissionResponse implements DeliverableSubmissionView {
  @ApiProperty({ minimum: 1 }) round: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The frozen document version' })
  versionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class DeliverableReviewResponse implements DeliverableReviewView {
  @ApiProperty({ minimum: 1 }) round: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The version reviewed' })
  versionId: string | null;
  @ApiProperty({ enum: DELIVERABLE_REVIEW_DECISIONS }) decision: DeliverableReviewDecision;
  @ApiProperty() comment: string;
  @ApiProperty({ type: DeliverableReviewerResponse, nullable: true })
  reviewer: DeliverableReviewerResponse | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class DeliverableResponse implements DeliverableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiProperty({ enum: DELIVERABLE_KINDS }) kind: DeliverableKind;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status: DeliverableStatus;
  @ApiProperty({ format: 'uuid', description: 'The shared document, owned by the group' }) documentId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedVersionId: string | null;
  @ApiProperty({ type: [DeliverableSubmissionResponse] }) submissions: DeliverableSubmissionResponse[];
  @ApiProperty({
    type: [DeliverableReviewResponse],
    description: 'Every round, oldest first; empty for participants outside the group',
  })
  reviews: DeliverableReviewResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
