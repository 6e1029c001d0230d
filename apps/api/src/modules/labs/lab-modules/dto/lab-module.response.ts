import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERABLE_KINDS,
  type DeliverableKind,
  type LabModuleView,
  type LabModuleWithSessions,
} from '@convergo/contracts';
import { LabSessionResponse } from '../../../sessions/dto/session.response';

export class LabModuleResponse implements LabModuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) dimension: number | null;
  @ApiProperty() position: number;
  @ApiProperty({ type: Number, nullable: true, example: 1.5 }) plannedDays: number | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], enum: DELIVERABLE_KINDS }) expectedDeliverables: DeliverableKind[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LabModuleWithSessionsResponse extends LabModuleResponse implements LabModuleWithSessions {
  @ApiProperty({ type: [LabSessionResponse] }) sessions: LabSessionResponse[];
}
